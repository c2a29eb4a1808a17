namespace CpanelSessionOps.Cpanel;

/// <summary>A cPanel account as WHM API 1 <c>accountsummary</c> reports it.</summary>
/// <param name="User">The cPanel user name.</param>
/// <param name="Suspended">Whether the account is suspended (its mailboxes cannot log in either).</param>
public sealed record CpanelAccountStatus(string User, bool Suspended);
