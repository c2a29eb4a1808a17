namespace CpanelSessionOps.Fleet;

/// <summary>
/// The fleet: cPanel servers and which domains each serves. Bound from configuration (section <c>Fleet</c>: appsettings,
/// a JSON file or environment variables such as <c>Fleet__Servers__web1__Host</c>) and validated at start.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>The servers, by name.</summary>
    public Dictionary<string, FleetServerOptions> Servers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which domains go to which server. Exact domains win over <c>*.suffix</c> patterns; the longest suffix wins.</summary>
    public List<DomainRouteOptions> Routes { get; set; } = [];
}
