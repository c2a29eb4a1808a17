namespace CpanelSessionOps.Cpanel;

/// <summary>The call did not get an answer: connection, TLS, timeout, or the server kept failing (5xx, 429) through the retries.</summary>
public sealed class CpanelTransportException : CpanelException
{
    internal CpanelTransportException(string serverName, string function, CpanelTransportFailure failure, int? statusCode, string detail, Exception? innerException = null)
        : base(serverName, function, $"cPanel server '{serverName}' could not answer {function}: {detail}", innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>What went wrong.</summary>
    public CpanelTransportFailure Failure { get; }

    /// <summary>The last HTTP status, for <see cref="CpanelTransportFailure.ServerError"/> and <see cref="CpanelTransportFailure.Throttled"/>.</summary>
    public int? StatusCode { get; }

    /// <inheritdoc />
    public override string ErrorClass => "transport";
}
