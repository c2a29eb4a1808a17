namespace CpanelSessionOps.ChatOps;

/// <summary>
/// <see cref="IWebhookDeduplicator"/> in this process's memory: right for a single instance; keys are forgotten on
/// restart and are not shared between instances. Bounded: expired keys are swept when the table grows.
/// </summary>
public sealed class InMemoryWebhookDeduplicator(TimeProvider timeProvider) : IWebhookDeduplicator
{
    private const int SweepAbove = 50_000;
    private readonly Dictionary<string, Entry> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_keys.Count > SweepAbove)
            {
                foreach (var expired in _keys.Where(k => k.Value.Expires <= now).Select(k => k.Key).ToList())
                {
                    _keys.Remove(expired);
                }
            }

            if (_keys.TryGetValue(key, out var entry) && entry.Expires > now)
            {
                return ValueTask.FromResult(false);
            }

            _keys[key] = new Entry(now + retention, retention);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            if (_keys.TryGetValue(key, out var entry))
            {
                // Remembered for the whole retention from the moment the work is done.
                _keys[key] = entry with { Expires = timeProvider.GetUtcNow() + entry.Retention };
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_gate)
        {
            _keys.Remove(key);
        }

        return ValueTask.CompletedTask;
    }

    private readonly record struct Entry(DateTimeOffset Expires, TimeSpan Retention);
}
