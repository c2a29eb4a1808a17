using System.Text.Json.Serialization;

namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class WhmData
{
    [JsonPropertyName("cp_security_token")]
    public string? CpSecurityToken { get; set; }

    public long? Expires { get; set; }

    public string? Locale { get; set; }

    public string? Service { get; set; }

    public string? Session { get; set; }

    public string? Url { get; set; }

    /// <summary><c>getdomainowner</c>: the owner, or null when the caller does not own the domain's account or it is not on the server.</summary>
    public string? User { get; set; }

    /// <summary><c>accountsummary</c>: the account.</summary>
    public List<WhmAccountData>? Acct { get; set; }

    /// <summary><c>uapi_cpanel</c>: the UAPI function's own result.</summary>
    public WhmUapiResult? Uapi { get; set; }
}
