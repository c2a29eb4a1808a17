namespace CpanelSessionOps.Cpanel;

/// <summary>How a call failed to reach the server or to get an answer from it.</summary>
public enum CpanelTransportFailure
{
    /// <summary>The connection could not be made (DNS, refused, unreachable).</summary>
    Connect,

    /// <summary>The server's certificate was not trusted.</summary>
    Tls,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>The connection dropped before the answer was complete.</summary>
    ConnectionLost,

    /// <summary>HTTP 5xx after the retries.</summary>
    ServerError,

    /// <summary>HTTP 429 after the retries.</summary>
    Throttled,
}
