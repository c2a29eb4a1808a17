using System.Net.Http.Headers;
using System.Text;

namespace CpanelSessionOps.Cpanel;

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
