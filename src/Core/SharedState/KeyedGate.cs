namespace CpanelSessionOps.SharedState;

/// <summary>
/// Serialises this instance's own calls for one key (striped: a fixed set of gates, so memory stays bounded): concurrent
/// requests for a hot key then contend on the table only with other instances, not with each other, and retries stay few.
/// </summary>
internal sealed class KeyedGate
{
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async ValueTask<IDisposable> EnterAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var gate = _gates[(int)((uint)string.GetHashCode(partitionKey, StringComparison.Ordinal) % (uint)_gates.Length)];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
