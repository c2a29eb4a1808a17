using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Fleet;

/// <summary>Where a mailbox lives: its server, how to authenticate there, and the owning account when it matters.</summary>
/// <param name="Address">The address, with the domain in punycode.</param>
/// <param name="Login">The local part.</param>
/// <param name="Domain">The domain, lower case, punycode.</param>
/// <param name="ServerName">The server's name in the fleet.</param>
/// <param name="Server">The server.</param>
/// <param name="Auth">How calls to it authenticate.</param>
/// <param name="Owner">The cPanel account that owns the domain, when known (always for cPanel-token and password servers).</param>
public sealed record FleetRoute(string Address, string Login, string Domain, string ServerName, CpanelServer Server, FleetAuthKind Auth, string? Owner);
