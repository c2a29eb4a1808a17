using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

/// <summary>
/// Fixed-window limits per caller and per target, counted by an <see cref="IRateLimitStore"/>: in this process
/// (<see cref="InMemoryRateLimitStore"/>) or shared by every instance (<see cref="SharedState.TableRateLimitStore"/>). A refusal
/// says when to retry. Each window is checked in order, caller first: a refused request still spends its caller permit.
/// </summary>
internal sealed class MintRateLimiter
{
    private readonly MintPolicyOptions _options;
    private readonly IRateLimitStore _store;

    /// <summary>Creates the limiter (normally done by dependency injection).</summary>
    public MintRateLimiter(IOptions<MintPolicyOptions> options, IRateLimitStore store)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>Takes one permit from the caller's and the target's windows, or throws saying when to retry.</summary>
    /// <exception cref="MintRefusedException">A limit is reached.</exception>
    /// <exception cref="SharedState.SharedStateUnavailableException">The shared store could not be reached and fails closed.</exception>
    public async ValueTask AcquireAsync(string caller, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        var callerWindow = await _store.TryAcquireAsync("caller:" + caller, _options.CallerLimit, _options.RateLimitWindow, cancellationToken).ConfigureAwait(false);
        if (!callerWindow.IsAcquired)
        {
            throw new MintRefusedException(RefusalReason.RateLimited,
                $"Rate limited: {caller} may ask for {_options.CallerLimit} links per {_options.RateLimitWindow}; retry in {Math.Ceiling(callerWindow.RetryAfter.TotalSeconds)} s.",
                callerWindow.RetryAfter);
        }

        var targetWindow = await _store.TryAcquireAsync("target:" + target, _options.TargetLimit, _options.RateLimitWindow, cancellationToken).ConfigureAwait(false);
        if (!targetWindow.IsAcquired)
        {
            throw new MintRefusedException(RefusalReason.RateLimited,
                $"Rate limited: at most {_options.TargetLimit} links per {_options.RateLimitWindow} for one mailbox or user; retry in {Math.Ceiling(targetWindow.RetryAfter.TotalSeconds)} s.",
                targetWindow.RetryAfter);
        }
    }
}
