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

/// <summary>The kind of error cPanel typed into a failed call's <c>data.type</c>, when it did.</summary>
public enum CpanelErrorKind
{
    /// <summary>No typed error: read <see cref="CpanelApiException.Errors"/>.</summary>
    Unspecified,

    /// <summary>The mailbox password was wrong.</summary>
    BadPassword,

    /// <summary>Logins for the mailbox (or the user) are suspended.</summary>
    Suspended,

    /// <summary>The mailbox does not exist or the account does not own it.</summary>
    UserNotFound,

    /// <summary>cPanel typed the error with a kind this client does not know.</summary>
    Other,
}

/// <summary>The API ran and refused: UAPI <c>status: 0</c> or WHM <c>metadata.result: 0</c>. Not retried.</summary>
public sealed class CpanelApiException : CpanelException
{
    internal CpanelApiException(string serverName, string function, IReadOnlyList<string> errors, CpanelErrorKind kind, string? kindName)
        : base(serverName, function, BuildMessage(serverName, function, errors, kind))
    {
        Errors = errors;
        Kind = kind;
        KindName = kindName;
    }

    /// <summary>A refusal the client worked out itself from what cPanel answered (e.g. a mailbox check before minting).</summary>
    internal CpanelApiException(string serverName, string function, string detail, CpanelErrorKind kind)
        : base(serverName, function, $"cPanel server '{serverName}': {detail}{Hint(kind)}")
    {
        Errors = [detail];
        Kind = kind;
    }

    /// <summary>cPanel's error texts, as it sent them (or the client's own finding, for a check it made).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The typed error, when cPanel sent one.</summary>
    public CpanelErrorKind Kind { get; }

    /// <summary>cPanel's name for the typed error (<c>data.type</c>), or null.</summary>
    public string? KindName { get; }

    /// <inheritdoc />
    public override string ErrorClass => "api";

    private static string BuildMessage(string server, string function, IReadOnlyList<string> errors, CpanelErrorKind kind)
    {
        var what = errors.Count == 0 ? "no error text" : string.Join(" ", errors);
        return $"cPanel server '{server}' refused {function}: {what}{Hint(kind)}";
    }

    private static string Hint(CpanelErrorKind kind) => kind switch
    {
        CpanelErrorKind.BadPassword => " Check the mailbox password.",
        CpanelErrorKind.Suspended => " Unsuspend the mailbox's logins (or its account) in cPanel first.",
        CpanelErrorKind.UserNotFound => " Check the address and that the authenticated account owns the mailbox.",
        _ => "",
    };
}

/// <summary>The server refused the credential: HTTP 401 or 403, or its HTML login page in place of JSON. Not retried.</summary>
public sealed class CpanelAuthenticationException : CpanelException
{
    internal CpanelAuthenticationException(string serverName, string function, int statusCode, bool loginPage, string credentialDescription)
        : base(serverName, function, loginPage
            ? $"cPanel server '{serverName}' answered {function} with its login page instead of JSON: the {credentialDescription} was refused (or cPHulk blocked the address). Check the credential, and for 2FA accounts the one-time code."
            : $"cPanel server '{serverName}' refused the {credentialDescription} for {function} (HTTP {statusCode}). Check that the credential is right, not expired, belongs to that user, and is the kind this port takes (cPanel token on 2083, WHM token on 2087).")
    {
        StatusCode = statusCode;
        LoginPage = loginPage;
    }

    /// <summary>The HTTP status (200 when the login page came back).</summary>
    public int StatusCode { get; }

    /// <summary>Whether the server answered with its HTML login page.</summary>
    public bool LoginPage { get; }

    /// <inheritdoc />
    public override string ErrorClass => "authentication";
}

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
