namespace CpanelSessionOps.Fleet;

/// <summary>One server's reachability.</summary>
/// <param name="Name">The server's name.</param>
/// <param name="Status">How it answered.</param>
/// <param name="LatencyMs">How long the probe took.</param>
/// <param name="Error">What went wrong, without secrets.</param>
public sealed record ServerHealth(string Name, ServerHealthStatus Status, long LatencyMs, string? Error);
