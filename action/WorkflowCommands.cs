using System.Security.Cryptography;
using System.Text;

namespace CpanelSessionOps.Action;

/// <summary>
/// GitHub Actions workflow commands and files. Untrusted text (cPanel's messages, mailbox names) is escaped so it cannot
/// start a command of its own; secrets are masked before anything else about them is printed.
/// </summary>
internal sealed class WorkflowCommands(TextWriter output, IReadOnlyDictionary<string, string> environment)
{
    public bool InActions { get; } = environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";

    /// <summary>Escapes a command's message: %, CR and LF, so the text stays on one line and cannot begin a new command.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a command property (also : and ,).</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// Makes untrusted text safe to print on a plain log line: one line (every control character and line or paragraph
    /// separator becomes a space), and no workflow command: the runner trims leading white space before looking for
    /// <c>::</c> and finds the old <c>##[</c> form anywhere, so both are broken up wherever they occur.
    /// </summary>
    public static string Plain(string value)
    {
        if (IsPlain(value))
        {
            // The usual case (an address, a host name, cPanel's message): nothing to change, nothing to copy.
            return value;
        }

        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c);
        }

        var plain = text.ToString();
        while (plain.Contains("::", StringComparison.Ordinal) || plain.Contains("##[", StringComparison.Ordinal))
        {
            plain = plain.Replace("::", ": :", StringComparison.Ordinal).Replace("##[", "## [", StringComparison.Ordinal);
        }

        return plain;
    }

    private static bool IsPlain(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                return false;
            }
        }

        return !value.Contains("::", StringComparison.Ordinal) && !value.Contains("##[", StringComparison.Ordinal);
    }

    /// <summary>Masks a minted link and what it is made of (the session secret, the form body) inside GitHub Actions.
    /// Elsewhere nothing is printed, so the secrets are not even put together.</summary>
    public void Mask(CpanelSessionOps.Links.MintedLink link)
    {
        if (InActions)
        {
            Mask(link.LoginLink.Reveal());
            Mask(link.Session.Secret.Reveal());
            Mask(link.LoginFormBody.Reveal());
        }
    }

    public void Mask(string secret)
    {
        if (InActions && secret.Length > 0)
        {
            output.WriteLine("::add-mask::" + EscapeData(secret));

            // The runner masks line by line: a value with line breaks (a token saved with a newline) is masked per line too.
            foreach (var line in secret.Split(['\r', '\n', '\0'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.Length >= 4 && line != secret)
                {
                    output.WriteLine("::add-mask::" + EscapeData(line));
                }
            }
        }
    }

    public void Error(string title, string message) =>
        output.WriteLine(InActions ? $"::error title={EscapeProperty(title)}::{EscapeData(message)}" : $"error: {Plain(title)}: {Plain(message)}");

    public void Warning(string message) =>
        output.WriteLine(InActions ? $"::warning::{EscapeData(message)}" : $"warning: {Plain(message)}");

    /// <summary>Appends outputs to <c>$GITHUB_OUTPUT</c>, each value written straight into the file (the results of
    /// thousands of mailboxes are never one string); in a heredoc with a random delimiter.</summary>
    public async Task WriteOutputsAsync(IEnumerable<(string Name, Action<TextWriter> WriteValue)> outputs)
    {
        if (environment.GetValueOrDefault("GITHUB_OUTPUT") is not { Length: > 0 } path)
        {
            return;
        }

        var file = new StreamWriter(path, append: true);
        await using (file.ConfigureAwait(false))
        {
            foreach (var (name, writeValue) in outputs)
            {
                var delimiter = "ghadelimiter_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                await file.WriteAsync($"{name}<<{delimiter}\n").ConfigureAwait(false);
                writeValue(file);
                await file.WriteAsync($"\n{delimiter}\n").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Appends Markdown to <c>$GITHUB_STEP_SUMMARY</c>, written straight into the file.</summary>
    public async Task AppendSummaryAsync(Action<TextWriter> writeMarkdown)
    {
        if (environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } path)
        {
            var file = new StreamWriter(path, append: true);
            await using (file.ConfigureAwait(false))
            {
                writeMarkdown(file);
            }
        }
    }

    /// <summary>Markdown-safe table cell: no pipes, no line breaks, no HTML.</summary>
    public static string Cell(string? value) =>
        (value ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
