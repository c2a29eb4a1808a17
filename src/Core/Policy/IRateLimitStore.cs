namespace CpanelSessionOps.Policy;

/// <summary>
/// Where <see cref="MintRateLimiter"/> counts permits: fixed windows per key, each starting at the first request after the
/// previous window ended. <see cref="InMemoryRateLimitStore"/> counts in this process (right for one instance);
/// <see cref="SharedState.TableRateLimitStore"/> counts in Azure Table Storage, so every instance of a scaled-out app shares
/// one count.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Takes one permit from <paramref name="key"/>'s current window, atomically with every other caller of the store.</summary>
    /// <param name="key">What is limited, e.g. <c>caller:slack:U0123</c> or <c>target:alice@example.com</c>.</param>
    /// <param name="limit">Permits per window (at least 1).</param>
    /// <param name="window">How long a window lasts (positive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the permit was taken; when not, how long until the window turns.</returns>
    /// <exception cref="SharedState.SharedStateUnavailableException">A shared store could not be reached and fails closed.</exception>
    ValueTask<RateLimitDecision> TryAcquireAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default);
}
