namespace CpanelSessionOps.Credentials;

/// <summary>Where a secret lives.</summary>
public enum SecretSourceKind
{
    /// <summary>Azure Key Vault: <c>keyvault:NAME</c> (in the configured vault) or a full secret URI.</summary>
    KeyVault,

    /// <summary>An environment variable: <c>env:NAME</c>.</summary>
    Environment,

    /// <summary>The value itself, <c>inline:VALUE</c>: for local development only (a warning is logged at start).</summary>
    Inline,
}
