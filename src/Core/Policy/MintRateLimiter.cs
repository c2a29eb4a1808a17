using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

/// <summary>
/// Fixed-window limits per caller and per target: <see cref="FixedWindowRateLimiter"/>s count the permits, and the
/// injected <see cref="TimeProvider"/> decides when a window turns (so tests drive it with a fake clock). A refusal says
/// when to retry. Each window is checked in order, caller first: a refused request still spends its caller permit.
/// </summary>
internal sealed class MintRateLimiter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly MintPolicyOptions _options;
    private readonly TimeProvider _timeProvider;
    private long _acquisitions;

    /// <summary>Creates the limiter (normally done by dependency injection).</summary>
    public MintRateLimiter(IOptions<MintPolicyOptions> options, TimeProvider timeProvider)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Takes one permit from the caller's and the target's windows, or throws saying when to retry.</summary>
    /// <exception cref="MintRefusedException">A limit is reached.</exception>
    public void Acquire(string caller, string target)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(target);
        if (Interlocked.Increment(ref _acquisitions) % 1024 == 0)
        {
            Sweep();
        }

        var now = _timeProvider.GetUtcNow();
        var callerWindow = Take("caller:" + caller, _options.CallerLimit, now);
        if (callerWindow is { } callerRetry)
        {
            throw new MintRefusedException(RefusalReason.RateLimited,
                $"Rate limited: {caller} may ask for {_options.CallerLimit} links per {_options.RateLimitWindow}; retry in {Math.Ceiling(callerRetry.TotalSeconds)} s.", callerRetry);
        }

        var targetWindow = Take("target:" + target, _options.TargetLimit, now);
        if (targetWindow is { } targetRetry)
        {
            throw new MintRefusedException(RefusalReason.RateLimited,
                $"Rate limited: at most {_options.TargetLimit} links per {_options.RateLimitWindow} for one mailbox or user; retry in {Math.Ceiling(targetRetry.TotalSeconds)} s.", targetRetry);
        }
    }

    /// <summary>Null when a permit was taken; otherwise how long until the window turns.</summary>
    private TimeSpan? Take(string key, int limit, DateTimeOffset now)
    {
        var window = _windows.GetOrAdd(key, _ => new Window(NewLimiter(limit), now));
        lock (window)
        {
            if (now - window.Start >= _options.RateLimitWindow)
            {
                // A fresh limiter per window: the limiter's own replenishment follows the real clock, not the injected one.
                window.Limiter.Dispose();
                window.Limiter = NewLimiter(limit);
                window.Start = now;
            }

            using var lease = window.Limiter.AttemptAcquire();
            return lease.IsAcquired ? null : window.Start + _options.RateLimitWindow - now;
        }
    }

    private FixedWindowRateLimiter NewLimiter(int limit) => new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = limit,
        Window = _options.RateLimitWindow,
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    private void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= _options.RateLimitWindow + _options.RateLimitWindow && _windows.TryRemove(key, out var removed))
            {
                removed.Limiter.Dispose();
            }
        }
    }

    private sealed class Window(FixedWindowRateLimiter limiter, DateTimeOffset start)
    {
        public FixedWindowRateLimiter Limiter { get; set; } = limiter;
        public DateTimeOffset Start { get; set; } = start;
    }
}
