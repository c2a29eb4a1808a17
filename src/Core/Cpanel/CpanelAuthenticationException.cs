namespace CpanelSessionOps.Cpanel;

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
