namespace CpanelSessionOps.Aspire;

/// <summary>
/// Settings of the CpanelSessionOps client integration, bound from <c>Aspire:CpanelSessionOps</c> and then
/// <c>Aspire:CpanelSessionOps:NAME</c>; the connection string <c>ConnectionStrings:NAME</c> wins over
/// <see cref="ConnectionString"/>.
/// </summary>
public sealed class CpanelSessionOpsSettings
{
    /// <summary>The server's connection string (format in docs/aspire.md), usually set by the app host's <c>WithReference</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The domains this server serves (<c>example.com</c>, <c>*.example.com</c>); empty (default) means every
    /// domain no other route matches (<c>*</c>).</summary>
    public List<string> Domains { get; set; } = [];

    /// <summary>Leaves the fleet's health check out (it reads the server's secret and reaches the server).</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Leaves the <c>CpanelSessionOps</c> activity source out of OpenTelemetry tracing.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Leaves the <c>CpanelSessionOps</c> meter out of OpenTelemetry metrics.</summary>
    public bool DisableMetrics { get; set; }
}
