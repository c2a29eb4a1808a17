using System.Text.Json.Serialization;

namespace CpanelSessionOps.Fleet;

/// <summary>The fleet's overall health; in JSON <c>healthy</c> or <c>unhealthy</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FleetHealthStatus>))]
public enum FleetHealthStatus
{
    /// <summary>Every secret reads and every server answers.</summary>
    [JsonStringEnumMemberName("healthy")]
    Healthy,

    /// <summary>At least one secret or server failed its probe.</summary>
    [JsonStringEnumMemberName("unhealthy")]
    Unhealthy,
}
