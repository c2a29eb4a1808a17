namespace CpanelSessionOps.ChatOps;

/// <summary>
/// Remembers which signed webhook requests were handled, keyed on what the platform's signature covers (a hash of the
/// signed body, a comment or activity id inside it), never on an unsigned header. A key is claimed before the work, and
/// recorded as done only when the work succeeded (or is safely queued); a claim whose work failed is released, so the
/// platform's redelivery runs again. The in-memory <see cref="InMemoryWebhookDeduplicator"/> serves one instance; a
/// shared store (Azure Table Storage) can replace it for a scaled-out app.
/// </summary>
public interface IWebhookDeduplicator
{
    /// <summary>Claims <paramref name="key"/> for handling.</summary>
    /// <param name="key">A platform-prefixed key derived from signed content (at most 200 characters, no control characters).</param>
    /// <param name="retention">How long a handled key is remembered (at least the platform's replay window).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the caller should do the work; false when the key is being handled or was handled (a replay).</returns>
    ValueTask<bool> TryClaimAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Records the claimed key as handled: any later request with it is a replay.</summary>
    ValueTask CompleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Releases a claim whose work failed, so a redelivery of the same request may run.</summary>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken = default);
}
