namespace CpanelSessionOps.Fleet;

/// <summary>The server a request was routed to is not configured for it: a cPanel login was asked of a server that
/// authenticates with a cPanel account credential, which cannot mint one (it needs a WHM token).</summary>
public sealed class ServerNotConfiguredException : CpanelSessionOpsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serverName">The server's name in the fleet.</param>
    /// <param name="message">What the server lacks and how to configure it.</param>
    public ServerNotConfiguredException(string serverName, string message)
        : base(ErrorClass.NotConfigured, "unsupported", message) => ServerName = serverName;

    /// <summary>The server's name in the fleet.</summary>
    public string ServerName { get; }
}
