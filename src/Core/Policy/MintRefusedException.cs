namespace CpanelSessionOps.Policy;

/// <summary>The request was refused by policy or a rate limit. The message says which rule is missing, never which mailboxes exist.</summary>
public sealed class MintRefusedException : CpanelSessionOpsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Policy or rate limit.</param>
    /// <param name="message">What is missing, or when to try again.</param>
    /// <param name="retryAfter">When a rate-limited caller may try again.</param>
    public MintRefusedException(RefusalReason reason, string message, TimeSpan? retryAfter = null)
        : base(reason == RefusalReason.RateLimited ? ErrorClass.RateLimited : ErrorClass.Forbidden,
            reason == RefusalReason.RateLimited ? "rate-limited" : "policy", message)
    {
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>Policy or rate limit.</summary>
    public RefusalReason Reason { get; }

    /// <summary>When a rate-limited caller may try again.</summary>
    public TimeSpan? RetryAfter { get; }
}
