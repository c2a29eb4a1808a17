using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

/// <summary>
/// Who may mint what. Deny by default: a request is allowed only when one rule names its caller (or one of the caller's
/// groups), its kind, its channel, and a pattern that matches its target. Bound from configuration (<c>Policy</c>).
/// </summary>
public sealed class MintPolicyOptions
{
    /// <summary>The rules; order does not matter.</summary>
    [ValidateEnumeratedItems]
    public List<MintPolicyRule> Rules { get; set; } = [];

    /// <summary>Requests a caller may make per <see cref="RateLimitWindow"/>. Default 30.</summary>
    public int CallerLimit { get; set; } = 30;

    /// <summary>Links per mailbox (or cPanel user) per <see cref="RateLimitWindow"/>, whoever asks. Default 10.</summary>
    public int TargetLimit { get; set; } = 10;

    /// <summary>The rate-limit window. Default one minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
