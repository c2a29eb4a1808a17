using System.Text.Json.Serialization;

namespace CpanelSessionOps.Cpanel.Internal;

/// <summary>UAPI's envelope. <c>metadata</c> is not read: servers send <c>{}</c> or <c>{"transformed":1}</c>.</summary>
internal sealed class UapiEnvelope
{
    public UapiResult? Result { get; set; }
}

internal sealed class UapiResult
{
    public int? Status { get; set; }

    public List<string>? Errors { get; set; }

    /// <summary>Success data, or a typed error (<c>{"type","detail"}</c>), or null.</summary>
    public UapiData? Data { get; set; }
}

internal sealed class UapiData
{
    public string? Hostname { get; set; }

    public string? Session { get; set; }

    public string? Token { get; set; }

    public string? Type { get; set; }

    public int? Created { get; set; }

    [JsonPropertyName("session_temp_user")]
    public string? SessionTempUser { get; set; }
}

internal sealed class WhmEnvelope
{
    public WhmData? Data { get; set; }

    public WhmMetadata? Metadata { get; set; }
}

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

internal sealed class WhmAccountData
{
    public string? User { get; set; }

    public int? Suspended { get; set; }
}

/// <summary>The UAPI result inside <c>uapi_cpanel</c>'s <c>data.uapi</c>; <c>data</c> as <c>Email::list_pops</c> returns it.</summary>
internal sealed class WhmUapiResult
{
    public int? Status { get; set; }

    public List<string>? Errors { get; set; }

    public List<UapiPop>? Data { get; set; }
}

internal sealed class UapiPop
{
    public string? Email { get; set; }

    public string? Login { get; set; }

    [JsonPropertyName("suspended_login")]
    public int? SuspendedLogin { get; set; }
}

internal sealed class WhmMetadata
{
    public int? Result { get; set; }

    public string? Reason { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(UapiEnvelope))]
[JsonSerializable(typeof(WhmEnvelope))]
internal sealed partial class CpanelJsonContext : JsonSerializerContext;
