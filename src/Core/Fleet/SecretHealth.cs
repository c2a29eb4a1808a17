namespace CpanelSessionOps.Fleet;

/// <summary>Whether one server's credential can be read.</summary>
/// <param name="Server">The server whose secret it is.</param>
/// <param name="Status"><see cref="SecretHealthStatus.Ok"/> or the failure.</param>
/// <param name="Error">What to fix, without the value.</param>
public sealed record SecretHealth(string Server, SecretHealthStatus Status, string? Error);
