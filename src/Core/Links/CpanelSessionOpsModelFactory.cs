using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Links;

/// <summary>
/// Creates the models the minting service returns, for tests of code that consumes them (a fake
/// <see cref="ILinkMinter"/>). Nothing made here logs in anywhere: the session strings are whatever the test gives.
/// </summary>
public static class CpanelSessionOpsModelFactory
{
    /// <summary>A minted session as a server would return it.</summary>
    /// <param name="serverName">The fleet's name of the server, e.g. <c>web1</c>.</param>
    /// <param name="host">The server's host name; links point at it.</param>
    /// <param name="service">The service the session logs in to.</param>
    /// <param name="user">Whose session it is: a mailbox address (webmail) or a cPanel user.</param>
    /// <param name="securityToken">The <c>/cpsessNNNNNNNNNN</c> token.</param>
    /// <param name="sessionSecret">The session string (a secret in real sessions).</param>
    /// <param name="expiresAt">When the session stops being usable for a first login.</param>
    /// <param name="locale">The session's locale, if any.</param>
    /// <exception cref="ArgumentException">A name, host, user or token is empty, or the host is not a host name.</exception>
    public static MintedSession MintedSession(
        string serverName = "web1", string host = "web1.example.com", SessionService service = SessionService.Webmail,
        string user = "alice@example.com", string securityToken = "/cpsess0000000001", string sessionSecret = "alice@example.com:TEST-SESSION",
        DateTimeOffset expiresAt = default, string? locale = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(securityToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionSecret);
        return new MintedSession(new CpanelServer(serverName, host), "create_user_session", service, user, securityToken,
            new SensitiveString(sessionSecret), host, expiresAt, locale, whmUrl: null);
    }

    /// <summary>A minted link around <paramref name="session"/> (by default one from <see cref="MintedSession"/>).</summary>
    /// <param name="session">The session the link logs in with.</param>
    /// <param name="kind">The kind of login.</param>
    /// <param name="correlationId">The request's correlation id.</param>
    public static MintedLink MintedLink(MintedSession? session = null, LoginKind kind = LoginKind.Webmail, string correlationId = "test-correlation-id")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        return new MintedLink(session ?? MintedSession(), kind, correlationId);
    }
}
