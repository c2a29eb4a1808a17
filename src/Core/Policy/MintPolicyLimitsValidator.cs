using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Policy;

/// <summary>The rate limits, checked together (one message names all three settings); the rules' own checks are the
/// generated <see cref="MintPolicyOptionsValidator"/>'s.</summary>
internal sealed class MintPolicyLimitsValidator : IValidateOptions<MintPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, MintPolicyOptions options) =>
        options.CallerLimit > 0 && options.TargetLimit > 0 && options.RateLimitWindow > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Policy: CallerLimit and TargetLimit must be at least 1 and RateLimitWindow positive.");
}
