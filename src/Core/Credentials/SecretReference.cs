namespace CpanelSessionOps.Credentials;

/// <summary>
/// A reference to a secret, as written in configuration: <c>keyvault:web1-whm-token</c>,
/// <c>https://myvault.vault.azure.net/secrets/web1-whm-token[/version]</c>, <c>env:WEB1_TOKEN</c> or <c>inline:VALUE</c>.
/// <see cref="ToString"/> never shows an inline value.
/// </summary>
public sealed class SecretReference : IEquatable<SecretReference>
{
    private readonly string? _inlineValue;

    private SecretReference(SecretSourceKind kind, string name, Uri? vaultUri, string? version, string? inlineValue)
    {
        Kind = kind;
        Name = name;
        VaultUri = vaultUri;
        Version = version;
        _inlineValue = inlineValue;
    }

    /// <summary>Where the secret lives.</summary>
    public SecretSourceKind Kind { get; }

    /// <summary>The Key Vault secret name or the environment variable name (<c>inline</c> for inline values).</summary>
    public string Name { get; }

    /// <summary>The vault named by a full secret URI; null for <c>keyvault:NAME</c> (the configured vault is used).</summary>
    public Uri? VaultUri { get; }

    /// <summary>A pinned secret version from a full URI, or null for the latest.</summary>
    public string? Version { get; }

    internal string? InlineValue => _inlineValue;

    /// <summary>Parses a reference.</summary>
    /// <exception cref="FormatException">The text is not a reference; the message shows the accepted forms (never the text
    /// after <c>inline:</c>).</exception>
    public static SecretReference Parse(string text)
    {
        if (TryParse(text, out var reference, out var problem))
        {
            return reference;
        }

        throw new FormatException(problem);
    }

    /// <summary>Parses a reference, saying what is wrong when it is not one.</summary>
    public static bool TryParse(string? text, out SecretReference reference, out string problem)
    {
        reference = null!;
        problem = "";
        const string Forms = "write keyvault:NAME, https://VAULT.vault.azure.net/secrets/NAME, env:NAME, or inline:VALUE (local development only)";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"a secret reference is required: {Forms}.";
            return false;
        }

        text = text.Trim();
        if (text.StartsWith("inline:", StringComparison.OrdinalIgnoreCase))
        {
            var value = text["inline:".Length..];
            if (value.Length == 0)
            {
                problem = "inline: needs a value after the colon.";
                return false;
            }

            reference = new SecretReference(SecretSourceKind.Inline, "inline", null, null, value);
            return true;
        }

        if (text.StartsWith("env:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text["env:".Length..];
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')))
            {
                problem = $"“{text}” does not name an environment variable; write env:NAME with letters, digits and _.";
                return false;
            }

            reference = new SecretReference(SecretSourceKind.Environment, name, null, null, null);
            return true;
        }

        if (text.StartsWith("keyvault:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text["keyvault:".Length..];
            if (!IsSecretName(name))
            {
                problem = $"“{name}” is not a Key Vault secret name; use 1 to 127 letters, digits and dashes.";
                return false;
            }

            reference = new SecretReference(SecretSourceKind.KeyVault, name, null, null, null);
            return true;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            var segments = uri.AbsolutePath.Trim('/').Split('/');
            if (segments.Length is 2 or 3 && segments[0] == "secrets" && IsSecretName(segments[1]) && uri.Query.Length == 0)
            {
                reference = new SecretReference(SecretSourceKind.KeyVault, segments[1], new Uri(uri.GetLeftPart(UriPartial.Authority) + "/"),
                    segments.Length == 3 ? segments[2] : null, null);
                return true;
            }

            problem = $"“{text}” is not a Key Vault secret URI; write https://VAULT.vault.azure.net/secrets/NAME[/VERSION].";
            return false;
        }

        problem = $"“{text}” is not a secret reference; {Forms}.";
        return false;
    }

    /// <summary>The reference in configuration form; an inline value shows as <c>inline:[redacted]</c>.</summary>
    public override string ToString() => Kind switch
    {
        SecretSourceKind.Inline => "inline:[redacted]",
        SecretSourceKind.Environment => "env:" + Name,
        _ when VaultUri is not null => $"{VaultUri}secrets/{Name}" + (Version is null ? "" : "/" + Version),
        _ => "keyvault:" + Name,
    };

    /// <inheritdoc />
    public bool Equals(SecretReference? other) =>
        other is not null && Kind == other.Kind && Name == other.Name && Version == other.Version && VaultUri == other.VaultUri &&
        _inlineValue == other._inlineValue;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SecretReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Name, Version, VaultUri);

    private static bool IsSecretName(string name) =>
        name.Length is > 0 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
