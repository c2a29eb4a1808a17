namespace CpanelSessionOps.AspNetCore;

/// <summary>
/// Caller identification and limits for the HTTP API (configuration section <c>Api</c>). A caller is, in this order: the
/// host's authenticated user (its <c>ClaimsPrincipal</c>: an Entra ID object id or application id, with its group
/// claims), App Service Authentication's principal when <see cref="TrustAppServiceAuthentication"/> is on, or an
/// application key in <c>X-Api-Key</c>.
/// </summary>
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
