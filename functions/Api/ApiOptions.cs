namespace CpanelSessionOps.Functions.Api;

/// <summary>Caller identification for the HTTP API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>
    /// Trust App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header. Turn on only when App Service
    /// Authentication is enabled for the app: the platform then sets the header and drops any a client sends;
    /// without it, a client could forge one. Default false.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    /// <summary>Application API keys (header <c>X-Api-Key</c>), stored as SHA-256 hashes, each mapped to a caller name.</summary>
    public List<ApiKeyOptions> Keys { get; set; } = [];

    /// <summary>The largest request body accepted, in bytes. Default 16 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;
}

/// <summary>One application API key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The caller name policy rules grant (<c>name:NAME</c>) and audit records show.</summary>
    public string? Name { get; set; }

    /// <summary>The SHA-256 of the key, hex: <c>printf %s "$KEY" | sha256sum</c>. The key itself is never stored.</summary>
    public string? Sha256 { get; set; }
}
