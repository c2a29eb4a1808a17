using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The JSON Web Token a GitHub App signs to act as itself (docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
/// RS256 with the app's private key; <c>iat</c> 60 seconds in the past against clock drift, <c>exp</c> at most 10 minutes
/// ahead, <c>iss</c> the app's id.
/// </summary>
internal static class GitHubAppJwt
{
    /// <summary>How far <c>iat</c> is backdated.</summary>
    public static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    /// <summary>How long the token lives from now: 9 minutes, so <c>exp - iat</c> is GitHub's 10-minute maximum.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    public static string Create(string appId, RSA privateKey, DateTimeOffset now)
    {
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        var iat = (now - Backdate).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var exp = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var payload = Base64Url(Encoding.UTF8.GetBytes($$"""{"iat":{{iat}},"exp":{{exp}},"iss":"{{System.Text.Json.JsonEncodedText.Encode(appId)}}"}"""));
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
