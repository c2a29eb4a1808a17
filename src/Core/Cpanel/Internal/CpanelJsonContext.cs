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
