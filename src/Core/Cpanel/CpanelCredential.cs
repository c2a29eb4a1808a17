using System.Net.Http.Headers;
using System.Text;

namespace CpanelSessionOps.Cpanel;

/// <summary>
/// How calls to a server authenticate. Implementations may fetch their secret lazily (from a vault) and refresh it;
/// <see cref="ToString"/> never shows it.
/// </summary>
public abstract class CpanelCredential
{
    /// <summary>The cPanel or WHM user the credential belongs to.</summary>
    public abstract string UserName { get; }

    /// <summary>Whether the credential is for WHM API 1 (port 2087) rather than UAPI (port 2083).</summary>
    public abstract bool IsWhm { get; }

    /// <summary>A short description of the kind, for messages: "cPanel API token", "WHM API token" or "password".</summary>
    public abstract string Kind { get; }

    /// <summary>Adds the credential's headers (<c>Authorization</c>, and <c>X-CPANEL-OTP</c> where needed) to a request.</summary>
    public abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>The kind and user, never the secret.</summary>
    public override string ToString() => $"{Kind} for {UserName}";
}

/// <summary>An API token sent as <c>Authorization: SCHEME USER:TOKEN</c>; the two kinds differ only in scheme and API.</summary>
public abstract class ApiTokenCredential : CpanelCredential
{
    private readonly AuthenticationHeaderValue _header;

    private protected ApiTokenCredential(string scheme, string userName, SensitiveString token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentNullException.ThrowIfNull(token);
        UserName = userName;
        _header = new AuthenticationHeaderValue(scheme, userName + ":" + token.Reveal());
    }

    /// <inheritdoc />
    public override string UserName { get; }

    /// <inheritdoc />
    public override ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        return ValueTask.CompletedTask;
    }
}

/// <summary>A cPanel API token: <c>Authorization: cpanel USER:TOKEN</c>, for UAPI calls.</summary>
/// <param name="userName">The cPanel user that owns the token.</param>
/// <param name="token">The token.</param>
public sealed class CpanelApiTokenCredential(string userName, SensitiveString token) : ApiTokenCredential("cpanel", userName, token)
{
    /// <inheritdoc />
    public override bool IsWhm => false;

    /// <inheritdoc />
    public override string Kind => "cPanel API token";
}

/// <summary>A WHM API token (root or a reseller): <c>Authorization: whm USER:TOKEN</c>, for WHM API 1 calls.</summary>
/// <param name="userName">The WHM user (root or a reseller).</param>
/// <param name="token">The token.</param>
public sealed class WhmApiTokenCredential(string userName, SensitiveString token) : ApiTokenCredential("whm", userName, token)
{
    /// <inheritdoc />
    public override bool IsWhm => true;

    /// <inheritdoc />
    public override string Kind => "WHM API token";
}

/// <summary>
/// A cPanel account password (HTTP Basic), with an optional source of one-time codes for accounts with two-factor
/// authentication (<c>X-CPANEL-OTP</c>). Prefer API tokens: passwords are for accounts that cannot have one.
/// </summary>
/// <param name="userName">The cPanel user.</param>
/// <param name="password">The account password.</param>
/// <param name="oneTimeCode">Gives the current TOTP code, or null when the account has no 2FA.</param>
/// <param name="isWhm">True for a WHM user (root or reseller) on the WHM port.</param>
public sealed class CpanelPasswordCredential(
    string userName, SensitiveString password, Func<CancellationToken, ValueTask<string>>? oneTimeCode = null, bool isWhm = false)
    : CpanelCredential
{
    private readonly AuthenticationHeaderValue _header =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password.Reveal())));

    /// <inheritdoc />
    public override string UserName { get; } = userName;

    /// <inheritdoc />
    public override bool IsWhm { get; } = isWhm;

    /// <inheritdoc />
    public override string Kind => "password";

    /// <inheritdoc />
    public override async ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = _header;
        if (oneTimeCode is not null)
        {
            request.Headers.Remove("X-CPANEL-OTP");
            request.Headers.Add("X-CPANEL-OTP", await oneTimeCode(cancellationToken).ConfigureAwait(false));
        }
    }
}
