using System.Security.Cryptography;
using System.Text;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace CpanelSessionOps.Emulator.Protocol;

/// <summary>
/// cPanel's authentication: <c>Authorization: cpanel USER:TOKEN</c> on the cPanel port, <c>whm USER:TOKEN</c> on the
/// WHM port (scheme case-insensitive), HTTP Basic on both, with <c>X-CPANEL-OTP</c> for accounts with 2FA.
/// </summary>
internal sealed class Authenticator(EmulatorDirectory directory, TimeProvider timeProvider)
{
    public (Caller? Caller, AuthFailure Failure) Authenticate(HttpRequest request, Listener listener)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        if (header.Length == 0)
        {
            return (null, AuthFailure.Password);
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return (null, AuthFailure.Password);
        }

        var scheme = header[..space];
        var credentials = header[(space + 1)..].Trim();
        if (scheme.Equals("basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticatePassword(credentials, request, listener);
        }

        var tokenScheme = listener == Listener.Whm ? "whm" : "cpanel";
        if (IsTokenScheme(scheme))
        {
            if (!scheme.Equals(tokenScheme, StringComparison.OrdinalIgnoreCase))
            {
                return (null, AuthFailure.Token);
            }

            return AuthenticateToken(credentials, listener);
        }

        return (null, AuthFailure.Password);
    }

    public static bool IsTokenScheme(string scheme) =>
        scheme.Equals("cpanel", StringComparison.OrdinalIgnoreCase) || scheme.Equals("whm", StringComparison.OrdinalIgnoreCase);

    public static bool HasTokenAuthorization(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && IsTokenScheme(header[..space]);
    }

    private (Caller?, AuthFailure) AuthenticateToken(string credentials, Listener listener)
    {
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, AuthFailure.Token);
        }

        var user = credentials[..colon];
        var token = credentials[(colon + 1)..];
        var now = timeProvider.GetUtcNow();
        if (listener == Listener.Whm)
        {
            if (directory.TryFindWhmToken(token, out var whmUser, out var whmToken) && whmUser.User == user && !IsExpired(whmToken.ExpiresAt, now))
            {
                return (new Caller(user, AuthMethod.ApiToken, directory.FindAccount(user), whmUser), AuthFailure.None);
            }

            return (null, AuthFailure.Token);
        }

        if (directory.TryFindCpanelToken(token, out var account, out var seedToken) && account.User == user &&
            !IsExpired(seedToken.ExpiresAt, now) && !account.Suspended)
        {
            return (new Caller(user, AuthMethod.ApiToken, account, null), AuthFailure.None);
        }

        return (null, AuthFailure.Token);
    }

    private (Caller?, AuthFailure) AuthenticatePassword(string credentials, HttpRequest request, Listener listener)
    {
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(credentials));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return (null, AuthFailure.Password);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return (null, AuthFailure.Password);
        }

        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        if (listener == Listener.Whm)
        {
            var whmUser = directory.FindWhmUser(user);
            return whmUser?.Password is { } expected && PasswordsMatch(expected, password)
                ? (new Caller(user, AuthMethod.Password, directory.FindAccount(user), whmUser), AuthFailure.None)
                : (null, AuthFailure.Password);
        }

        var account = directory.FindAccount(user);
        if (account?.Password is not { } accountPassword || account.Suspended || !PasswordsMatch(accountPassword, password))
        {
            return (null, AuthFailure.Password);
        }

        if (directory.TotpKey(user) is { } key &&
            !Totp.Verify(key, request.Headers["X-CPANEL-OTP"].ToString().Trim(), timeProvider.GetUtcNow()))
        {
            return (null, AuthFailure.Password);
        }

        return (new Caller(user, AuthMethod.Password, account, null), AuthFailure.None);
    }

    /// <summary>The account behind a browser session, while it is not suspended.</summary>
    public Seed.SeedAccount? FindActiveAccount(string user) => directory.FindAccount(user) is { Suspended: false } account ? account : null;

    private static bool IsExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => expiresAt is { } at && now >= at;

    public static bool PasswordsMatch(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
