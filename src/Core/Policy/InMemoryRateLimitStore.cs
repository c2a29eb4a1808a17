namespace CpanelSessionOps.Policy;

/// <summary>
/// <see cref="IRateLimitStore"/> in this process's memory: exact for one instance, but each instance of a scaled-out app
/// keeps its own count (N instances allow N times the limit). Time comes from the injected <see cref="TimeProvider"/>.
/// Bounded: windows that ended are swept as the table grows.
/// </summary>
internal sealed class InMemoryRateLimitStore(TimeProvider timeProvider) : IRateLimitStore
{
    private const int SweepEvery = 1024;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _acquisitions;

    /// <inheritdoc />
    public ValueTask<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (++_acquisitions % SweepEvery == 0)
            {
                foreach (var ended in _windows.Where(w => now >= w.Value.Ends).Select(w => w.Key).ToList())
                {
                    _windows.Remove(ended);
                }
            }

            if (!_windows.TryGetValue(key, out var current) || now >= current.Ends)
            {
                _windows[key] = new Window(now + window, 1);
                return ValueTask.FromResult(RateLimitDecision.Acquired);
            }

            if (current.Count >= limit)
            {
                return ValueTask.FromResult(RateLimitDecision.Refused(current.Ends - now));
            }

            _windows[key] = current with { Count = current.Count + 1 };
            return ValueTask.FromResult(RateLimitDecision.Acquired);
        }
    }

    private readonly record struct Window(DateTimeOffset Ends, int Count);
}
