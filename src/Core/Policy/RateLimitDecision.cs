namespace CpanelSessionOps.Policy;

/// <summary>What an <see cref="IRateLimitStore"/> decided about one permit.</summary>
/// <param name="IsAcquired">True when the permit was taken.</param>
/// <param name="RetryAfter">When refused: how long until the window turns; zero when acquired.</param>
public readonly record struct RateLimitDecision(bool IsAcquired, TimeSpan RetryAfter)
{
    /// <summary>The permit was taken.</summary>
    public static RateLimitDecision Acquired { get; } = new(true, TimeSpan.Zero);

    /// <summary>The window is full until <paramref name="retryAfter"/> has passed.</summary>
    public static RateLimitDecision Refused(TimeSpan retryAfter) => new(false, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
}
