namespace CpanelSessionOps.Cpanel;

/// <summary>Why a login check failed.</summary>
public enum LoginCheckFailure
{
    /// <summary>The server refused the session (expired, already used, or unknown): HTTP 401, or its login page, at any hop.</summary>
    LoginRefused,

    /// <summary>The login redirected without setting the session cookie.</summary>
    NoSessionCookie,

    /// <summary>A redirect pointed at another scheme, host or port than the login's own: not followed.</summary>
    OffOrigin,

    /// <summary>More than five redirects.</summary>
    TooManyRedirects,

    /// <summary>The chain ended somewhere that is not a logged-in page: not 2xx HTML under the session's <c>/cpsessN/</c> prefix.</summary>
    WrongPage,

    /// <summary>No answer within the login timeout.</summary>
    Timeout,

    /// <summary>No answer: connection or TLS.</summary>
    Transport,
}
