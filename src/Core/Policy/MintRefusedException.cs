namespace CpanelSessionOps.Policy;

/// <summary>The request was refused by policy or a rate limit. The message says which rule is missing, never which mailboxes exist.</summary>
public sealed class MintRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MintRefusedException(RefusalReason reason, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception.</summary>
    public MintRefusedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public MintRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MintRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Policy or rate limit.</summary>
    public RefusalReason Reason { get; }

    /// <summary>When a rate-limited caller may try again.</summary>
    public TimeSpan? RetryAfter { get; }
}
