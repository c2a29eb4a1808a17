namespace CpanelSessionOps.Cpanel;

/// <summary>
/// A call to a cPanel or WHM server failed. The subclasses say how; messages name the server and the function and
/// say what to do, and never contain a token, password, session string or login link.
/// </summary>
public abstract class CpanelException : Exception
{
    private protected CpanelException(string serverName, string function, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerName = serverName;
        Function = function;
    }

    /// <summary>The server's name.</summary>
    public string ServerName { get; }

    /// <summary>The API function (or <c>login</c>) that failed.</summary>
    public string Function { get; }

    /// <summary>A stable class for audit records and metrics: <c>api</c>, <c>authentication</c>, <c>protocol</c> or <c>transport</c>.</summary>
    public abstract string ErrorClass { get; }
}
