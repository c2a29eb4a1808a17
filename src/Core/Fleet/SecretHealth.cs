namespace CpanelSessionOps.Fleet;

/// <summary>Whether one server's credential can be read.</summary>
/// <param name="Server">The server whose secret it is.</param>
/// <param name="Status"><c>ok</c> or the failure (<c>notfound</c>, <c>permissiondenied</c>, ...).</param>
/// <param name="Error">What to fix, without the value.</param>
public sealed record SecretHealth(string Server, string Status, string? Error);
