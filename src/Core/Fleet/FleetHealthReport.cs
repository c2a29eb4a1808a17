namespace CpanelSessionOps.Fleet;

/// <summary>The fleet's health: <see cref="FleetHealthStatus.Healthy"/> when every secret reads and every server answers.</summary>
public sealed record FleetHealthReport(FleetHealthStatus Status, DateTimeOffset CheckedAt, IReadOnlyList<SecretHealth> Secrets, IReadOnlyList<ServerHealth> Servers);
