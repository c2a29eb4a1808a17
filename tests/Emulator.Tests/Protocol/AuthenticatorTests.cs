using System.Net;
using System.Net.Http.Headers;
using CpanelSessionOps.Emulator.Internal;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

public sealed class AuthenticatorTests : FreshEmulatorTest
{
    private const string ForSelf = "create_webmail_session_for_self";
    private const string AccessDenied =
        """{"cpanelresult":{"apiversion":"2","error":"Access denied","data":{"reason":"Access denied","result":"0"},"type":"text"}}""";



    [Theory]
    [InlineData("cpanel")]
    [InlineData("CPANEL")]
    [InlineData("Cpanel")]
    public async Task CpanelToken_AnySchemeCase_IsAccepted(string scheme)
    {
        var response = await Client.UapiAsync(ForSelf, "", new AuthenticationHeaderValue(scheme, $"demo:{DefaultSeed.DemoToken}"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("whm")]
    [InlineData("WHM")]
    public async Task WhmToken_AnySchemeCase_IsAccepted(string scheme)
    {
        var response = await Client.WhmAsync("create_user_session", "api.version=1&user=demo&service=webmaild",
            new AuthenticationHeaderValue(scheme, $"root:{DefaultSeed.RootToken}"));

        Assert.Equal(1, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "cpanel", "demo:WRONGTOKEN" },
        { "cpanel", $"other:{DefaultSeed.DemoToken}" },
        { "cpanel", $"demo:{DefaultSeed.DemoExpiredToken}" },
        { "cpanel", $"closed:{DefaultSeed.SuspendedToken}" },
        { "cpanel", $"demo{DefaultSeed.DemoToken}" },
        { "whm", $"root:{DefaultSeed.RootToken}" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task CpanelPort_RefusedToken_Answers403AccessDenied(string scheme, string credentials)
    {
        var response = await Client.UapiAsync(ForSelf, "", new AuthenticationHeaderValue(scheme, credentials));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(AccessDenied, response.Body);
    }

    [Theory]
    [InlineData("cpanel", "demo:" + DefaultSeed.DemoToken)]
    [InlineData("whm", "root:WRONG")]
    [InlineData("whm", "res1:" + DefaultSeed.RootToken)]
    public async Task WhmPort_RefusedToken_Answers403AccessDenied(string scheme, string credentials)
    {
        var response = await Client.WhmAsync("create_user_session", "api.version=1&user=demo&service=webmaild",
            new AuthenticationHeaderValue(scheme, credentials));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal(AccessDenied, response.Body);
    }

    [Fact]
    public async Task Basic_RightPassword_IsAccepted()
    {
        var response = await Client.UapiAsync(ForSelf, "", EmulatorTestClient.Basic(DefaultSeed.DemoUser, DefaultSeed.DemoPassword));

        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    public static TheoryData<string?> RefusedPasswordHeaders() => new()
    {
        null,
        "Basic " + Convert.ToBase64String("demo:wrong"u8.ToArray()),
        "Basic " + Convert.ToBase64String("closed:closed-pass"u8.ToArray()),
        "Basic !!!not-base64!!!",
        "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()),
        "Basic " + Convert.ToBase64String([0xFF, 0xFE, 0x3A, 0x41]),
        "Bearer abc",
        "garbage",
        "Basic",
    };

    [Theory]
    [MemberData(nameof(RefusedPasswordHeaders))]
    public async Task CpanelPort_RefusedOrMissingPassword_Answers401AccessDenied(string? header)
    {
        var headers = header is null ? null : new Dictionary<string, string> { ["Authorization"] = header };
        var response = await Client.UapiAsync(ForSelf, "", null, headers: headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(AccessDenied, response.Body);
        Assert.Contains("Basic", response.Message.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CpanelPort_RefusedPasswordWithLoginPageSwitch_AnswersHtmlLoginPageWith200()
    {
        Emulator.PasswordFailureAsLoginPage = true;

        var response = await Client.UapiAsync(ForSelf, "", EmulatorTestClient.Basic("demo", "wrong"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>cPanel Login</title>", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactorAccount_PasswordWithoutCode_IsRefused()
    {
        var response = await Client.UapiAsync(ForSelf, "", EmulatorTestClient.Basic(DefaultSeed.TwoFactorUser, DefaultSeed.TwoFactorPassword));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task TwoFactorAccount_PasswordWithWrongCode_IsRefused()
    {
        var code = Totp.Compute(Base32(DefaultSeed.TwoFactorSecret), Time.GetUtcNow().AddMinutes(5));

        var response = await TwoFactorCallAsync(code);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task TwoFactorAccount_PasswordWithCurrentCode_IsAccepted()
    {
        var code = Totp.Compute(Base32(DefaultSeed.TwoFactorSecret), Time.GetUtcNow());

        var response = await TwoFactorCallAsync(code);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Totp_Rfc6238Vector_MatchesTheStandard()
    {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (eight digits), so six digits are 287082.
        var key = "12345678901234567890"u8.ToArray();

        Assert.Equal("287082", Totp.Compute(key, DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    [Fact]
    public async Task CpanelPort_TokenOnNonApiPath_Answers403WithTheRestriction()
    {
        var response = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.CpanelUri, "frontend/jupiter/index.html"),
            EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken), null, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("Token authentication allows access to UAPI or API 2 calls only.", response.Body);
    }

    private Task<ApiResponse> TwoFactorCallAsync(string code) =>
        Client.UapiAsync(ForSelf, "", EmulatorTestClient.Basic(DefaultSeed.TwoFactorUser, DefaultSeed.TwoFactorPassword),
            headers: new Dictionary<string, string> { ["X-CPANEL-OTP"] = code });

    private static byte[] Base32(string secret) => Totp.TryDecodeBase32(secret, out var key) ? key : throw new InvalidOperationException();
}
