namespace CpanelSessionOps.Fleet;

/// <summary>The fleet's health: <c>healthy</c> when every secret reads and every server answers, else <c>unhealthy</c>.</summary>
public sealed record FleetHealthReport(string Status, DateTimeOffset CheckedAt, IReadOnlyList<SecretHealth> Secrets, IReadOnlyList<ServerHealth> Servers);
