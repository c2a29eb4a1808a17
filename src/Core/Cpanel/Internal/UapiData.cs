using System.Text.Json.Serialization;

namespace CpanelSessionOps.Cpanel.Internal;

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
