using System.Text.Json.Serialization;

namespace CpanelSessionOps.Cpanel.Internal;

internal sealed class UapiPop
{
    public string? Email { get; set; }

    public string? Login { get; set; }

    [JsonPropertyName("suspended_login")]
    public int? SuspendedLogin { get; set; }
}
