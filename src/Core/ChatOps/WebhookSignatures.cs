using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CpanelSessionOps.ChatOps;

/// <summary>
/// The three chat platforms' request signatures, each compared in constant time. A request whose signature does not
/// verify is refused before its body is parsed.
/// </summary>
public static class WebhookSignatures
{
    /// <summary>How far a Slack request's timestamp may be from now (Slack's own guidance: five minutes).</summary>
    public static readonly TimeSpan SlackTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Slack: <c>X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body))</c>,
    /// and a timestamp within five minutes of <paramref name="now"/> (a replayed request is stale).</summary>
    public static bool VerifySlack(string signingSecret, string? timestamp, byte[] body, string? signature, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        ArgumentNullException.ThrowIfNull(body);
        if (timestamp is null || signature is null || !signature.StartsWith("v0=", StringComparison.Ordinal) ||
            !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ||
            (now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > SlackTolerance)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes("v0:" + timestamp + ":").Concat(body).ToArray();
        return HexEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), signed), signature[3..]);
    }

    /// <summary>Microsoft Teams outgoing webhook: <c>Authorization: HMAC base64(HMAC-SHA256(base64-decoded security token, raw body))</c>.</summary>
    public static bool VerifyTeams(string securityToken, byte[] body, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(securityToken);
        ArgumentNullException.ThrowIfNull(body);
        if (authorization is null || !authorization.StartsWith("HMAC ", StringComparison.Ordinal))
        {
            return false;
        }

        byte[] key, given;
        try
        {
            key = Convert.FromBase64String(securityToken);
            given = Convert.FromBase64String(authorization[5..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, body), given);
    }

    /// <summary>GitHub: <c>X-Hub-Signature-256: sha256=hex(HMAC-SHA256(webhook secret, raw body))</c>.</summary>
    public static bool VerifyGitHub(string secret, byte[] body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        return signature is not null && signature.StartsWith("sha256=", StringComparison.Ordinal) &&
               HexEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body), signature[7..]);
    }

    private static bool HexEquals(byte[] expected, string givenHex)
    {
        if (givenHex.Length != expected.Length * 2 || !givenHex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(givenHex));
    }
}
