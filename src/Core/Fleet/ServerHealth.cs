namespace CpanelSessionOps.Fleet;

/// <summary>One server's reachability.</summary>
/// <param name="Name">The server's name.</param>
/// <param name="Status"><c>reachable</c>, <c>untrusted-certificate</c>, <c>unreachable</c> or <c>timeout</c>.</param>
/// <param name="LatencyMs">How long the probe took.</param>
/// <param name="Error">What went wrong, without secrets.</param>
public sealed record ServerHealth(string Name, string Status, long LatencyMs, string? Error);
