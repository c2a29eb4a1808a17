using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Credentials;

/// <summary>Checks the secret store's settings at start, reporting every problem at once (the rules relate fields to each
/// other or to a URI's scheme, which no validation attribute says).</summary>
internal sealed class SecretStoreOptionsValidator : IValidateOptions<SecretStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretStoreOptions options)
    {
        var problems = new List<string>();
        if (!(options.CacheDuration > TimeSpan.Zero && options.GracePeriod >= TimeSpan.Zero && options.RetryAfterFailure > TimeSpan.Zero))
        {
            problems.Add("Fleet:Secrets: CacheDuration and RetryAfterFailure must be positive, GracePeriod zero or more.");
        }

        if (options.VaultUri is not null && options.VaultUri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add("Fleet:Secrets:VaultUri must be an https URI such as https://myvault.vault.azure.net/.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
