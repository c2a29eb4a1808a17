namespace CpanelSessionOps.Action;

/// <summary>
/// Whether a person is watching: a live count while checking, and <c>demo</c> waiting for Enter. Program.cs builds it
/// from the console; tests hand in their own. Without a terminal (CI, pipes) nothing waits for input.
/// </summary>
internal sealed class Terminal(bool interactive, Func<CancellationToken, Task> waitForEnterAsync)
{
    /// <summary>No terminal: output is redirected or there is no standard input.</summary>
    public static readonly Terminal None = new(false, _ => Task.CompletedTask);

    public bool Interactive { get; } = interactive;

    /// <summary>Completes when the user presses Enter (or standard input closes), or throws when cancelled (Ctrl-C).</summary>
    public Task WaitForEnterAsync(CancellationToken cancellationToken) => waitForEnterAsync(cancellationToken);

    /// <summary>The process's console.</summary>
    public static Terminal FromConsole() =>
        Console.IsInputRedirected || Console.IsOutputRedirected || Console.IsErrorRedirected
            ? None
            : new Terminal(true, async cancellationToken => await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false));
}
