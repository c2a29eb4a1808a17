namespace CpanelSessionOps.Cpanel;

/// <summary>The server answered something this client cannot read: malformed JSON, an unexpected shape or status.</summary>
public sealed class CpanelProtocolException : CpanelException
{
    internal CpanelProtocolException(string serverName, string function, string problem, Exception? innerException = null)
        : base(serverName, function, $"cPanel server '{serverName}' gave an unreadable answer to {function}: {problem}", innerException)
    {
    }

    /// <inheritdoc />
    public override string ErrorClass => "protocol";
}
