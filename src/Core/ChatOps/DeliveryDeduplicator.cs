using System.Collections.Concurrent;

namespace CpanelSessionOps.ChatOps;

/// <summary>Remembers webhook delivery ids (GitHub's <c>X-GitHub-Delivery</c>) for a day, so a redelivery does nothing twice.</summary>
public sealed class DeliveryDeduplicator(TimeProvider timeProvider)
{
    private static readonly TimeSpan Remember = TimeSpan.FromHours(24);
    private const int MaxRemembered = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an id is seen (within a day); false for a repeat.</summary>
    public bool FirstTime(string deliveryId)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var now = timeProvider.GetUtcNow();
        if (_seen.Count > MaxRemembered)
        {
            foreach (var (id, at) in _seen)
            {
                if (now - at > Remember)
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }

        if (_seen.TryGetValue(deliveryId, out var seenAt) && now - seenAt <= Remember)
        {
            return false;
        }

        return _seen.TryAdd(deliveryId, now) || _seen.TryUpdate(deliveryId, now, seenAt);
    }
}
