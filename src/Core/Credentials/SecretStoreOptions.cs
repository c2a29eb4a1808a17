using Azure.Core;
using Azure.Security.KeyVault.Secrets;

namespace CpanelSessionOps.Credentials;

/// <summary>Where and how secrets are read. Bound from configuration (<c>Fleet:Secrets</c>) and validated at start.</summary>
public sealed class SecretStoreOptions
{
    /// <summary>The vault that <c>keyvault:NAME</c> references read from, e.g. <c>https://myvault.vault.azure.net/</c>.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>The client id of a user-assigned managed identity for <see cref="Azure.Identity.DefaultAzureCredential"/>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>How long a value is used before it is read again. Default 5 minutes.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long past <see cref="CacheDuration"/> the last good value is still served while Key Vault fails.
    /// Default 30 minutes; zero serves nothing stale.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>While serving a stale value, how long to wait before asking Key Vault again. Default 30 seconds.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Azure credential, set in code only; default <see cref="Azure.Identity.DefaultAzureCredential"/>.</summary>
    public TokenCredential? TokenCredential { get; set; }

    /// <summary>Reads <c>env:NAME</c> references, set in code only; default the process environment. A host that was
    /// handed its environment (the GitHub Action, in tests) reads from that instead.</summary>
    public Func<string, string?> ReadEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Adjusts the <see cref="SecretClientOptions"/> (transport, retries), set in code only.</summary>
    public Action<SecretClientOptions>? ConfigureClientOptions { get; set; }
}
