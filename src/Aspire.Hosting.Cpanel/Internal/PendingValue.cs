using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.Cpanel.Internal;

/// <summary>A value known only once the emulator has started (its certificate's pin, its seed's token): readers wait
/// for it, and fail with the emulator's start failure rather than hang.</summary>
internal sealed class PendingValue(string expression) : IValueProvider, IManifestExpressionProvider
{
    private readonly TaskCompletionSource<string> _value = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ValueExpression { get; } = expression;

    public void Set(string value) => _value.TrySetResult(value);

    public void Fail(Exception exception) => _value.TrySetException(exception);

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        await _value.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
}
