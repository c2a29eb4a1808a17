namespace CpanelSessionOps.Policy;

/// <summary>Why a request was refused before anything was minted.</summary>
public enum RefusalReason
{
    /// <summary>No policy rule grants it.</summary>
    Policy,

    /// <summary>A rate limit was reached; see <see cref="MintRefusedException.RetryAfter"/>.</summary>
    RateLimited,
}
