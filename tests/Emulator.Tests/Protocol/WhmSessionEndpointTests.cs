using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

public sealed class WhmSessionEndpointTests : FreshEmulatorTest
{
    private const string Function = "create_user_session";
    private static readonly AuthenticationHeaderValue Root = EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken);
    private static readonly AuthenticationHeaderValue Reseller = EmulatorTestClient.WhmToken(DefaultSeed.ResellerUser, DefaultSeed.ResellerToken);



    [Theory]
    [InlineData("cpaneld", "demo")]
    [InlineData("webmaild", "demo")]
    [InlineData("webmaild", "alice@example.com")]
    [InlineData("whostmgrd", "res1")]
    [InlineData("whostmgrd", "root")]
    public async Task CreateUserSession_RootForAnyUser_ReturnsSessionAndLoginUrl(string service, string user)
    {
        var response = await Client.WhmAsync(Function, $"api.version=1&user={Uri.EscapeDataString(user)}&service={service}", Root);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var metadata = response.Json.GetProperty("metadata");
        Assert.Equal(Function, metadata.GetProperty("command").GetString());
        Assert.Equal("Created session", metadata.GetProperty("reason").GetString());
        Assert.Equal(1, metadata.GetProperty("result").GetInt32());
        Assert.Equal(1, metadata.GetProperty("version").GetInt32());
        var data = response.Json.GetProperty("data");
        var token = data.GetProperty("cp_security_token").GetString()!;
        var session = data.GetProperty("session").GetString()!;
        Assert.Matches(UapiSessionEndpointTests.TokenFormat(), token);
        Assert.Matches(UapiSessionEndpointTests.SessionFormat(user, "create_user_session"), session);
        Assert.Equal(Time.GetUtcNow().AddSeconds(300).ToUnixTimeSeconds(), data.GetProperty("expires").GetInt64());
        Assert.Equal(service, data.GetProperty("service").GetString());
        Assert.Equal("en", data.GetProperty("locale").GetString());

        var port = service switch
        {
            "cpaneld" => Emulator.CpanelUri.Port,
            "webmaild" => Emulator.WebmailUri.Port,
            _ => Emulator.WhmUri.Port,
        };
        Assert.Equal($"https://127.0.0.1:{port}{token}/login/?locale=en&session={LowerHexEncode(session)}", data.GetProperty("url").GetString());
    }

    [Fact]
    public async Task CreateUserSession_Url_EncodesWithLowerCaseHexAndSortsKeys()
    {
        var response = await Client.WhmAsync(Function,
            "api.version=1&user=demo&service=cpaneld&locale=de&app=Email_Accounts&preferred_domain=cpanel.example.com", Root);

        var url = response.Json.GetProperty("data").GetProperty("url").GetString()!;
        Assert.Matches(new Regex(
            @"^https://cpanel\.example\.com:\d+/cpsess\d{10}/login/\?goto_uri=frontend%2fjupiter%2femail_accounts%2findex\.html&locale=de&session=demo%3a[A-Za-z0-9_]{16}%3acreate_user_session%2c[0-9a-f]{32}$"),
            url);
        Assert.DoesNotMatch("%[0-9a-f]?[A-F]", url);
    }

    [Fact]
    public async Task CreateUserSession_AccountWithOwnLocale_DefaultsToIt()
    {
        var response = await Client.WhmAsync(Function, "api.version=1&user=other&service=cpaneld", Root);

        Assert.Equal("de", response.Json.GetProperty("data").GetProperty("locale").GetString());
    }

    [Fact]
    public async Task CreateUserSession_ResellerForItsOwnAccountAndMailbox_Succeeds()
    {
        var forAccount = await Client.WhmAsync(Function, "api.version=1&user=other&service=cpaneld", Reseller);
        var forMailbox = await Client.WhmAsync(Function, "api.version=1&user=dave%40example.org&service=webmaild", Reseller);

        Assert.Equal(1, forAccount.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        Assert.Equal(1, forMailbox.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task CreateUserSession_ResellerWithPassword_Succeeds()
    {
        var response = await Client.WhmAsync(Function, "api.version=1&user=other&service=webmaild",
            EmulatorTestClient.Basic(DefaultSeed.ResellerUser, DefaultSeed.ResellerPassword));

        Assert.Equal(1, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    public static TheoryData<string, string, string> FailureRows() => new()
    {
        { "root", "api.version=1&service=cpaneld", "The “user” parameter is required." },
        { "root", "api.version=1&user=&service=cpaneld", "The “user” parameter is required." },
        { "root", "api.version=1&user=demo", "The “service” parameter is required." },
        { "root", "api.version=1&user=demo&service=ftpd", "The “service” parameter is invalid. The only supported services for this API call are “cpaneld”, “webmaild”, and “whostmgrd”." },
        { "root", "api.version=1&user=ghost&service=cpaneld", "You cannot create a session for the user “ghost” because they do not exist." },
        { "root", "api.version=1&user=ghost%40example.com&service=webmaild", "You cannot create a session for the user “ghost@example.com” because they do not exist." },
        { "root", "api.version=1&user=closed&service=cpaneld", "You cannot create a session for the user “closed” because they are currently suspended." },
        { "root", "api.version=1&user=bob%40example.com&service=webmaild", "You cannot create a session for the user “bob@example.com” because they are currently suspended." },
        { "res1", "api.version=1&user=demo&service=cpaneld", "You do not have permission to create sessions for the user “demo”." },
        { "res1", "api.version=1&user=alice%40example.com&service=webmaild", "You do not have permission to create sessions for the user “alice@example.com”." },
        { "root", "api.version=1&user=demo&service=whostmgrd", "You cannot create a “whostmgrd” session for the user “demo” because they are not a reseller." },
        { "root", "api.version=1&user=demo&service=cpaneld&app=NoSuchApp", "The requested application, NoSuchApp, is invalid." },
        // The order: user before service, existence before permission, permission before the reseller check.
        { "root", "api.version=1&service=ftpd", "The “user” parameter is required." },
        { "res1", "api.version=1&user=ghost&service=whostmgrd", "You cannot create a session for the user “ghost” because they do not exist." },
        { "res1", "api.version=1&user=demo&service=whostmgrd", "You do not have permission to create sessions for the user “demo”." },
    };

    [Theory]
    [MemberData(nameof(FailureRows))]
    public async Task CreateUserSession_Refused_AnswersResultZeroWithCpanelsReason(string caller, string query, string reason)
    {
        var response = await Client.WhmAsync(Function, query, caller == "root" ? Root : Reseller);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Json.TryGetProperty("data", out _));
        var metadata = response.Json.GetProperty("metadata");
        Assert.Equal(Function, metadata.GetProperty("command").GetString());
        Assert.Equal(reason, metadata.GetProperty("reason").GetString());
        Assert.Equal(0, metadata.GetProperty("result").GetInt32());
        Assert.Equal(1, metadata.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task JsonApi_UnknownFunction_AnswersUnknownApp()
    {
        var response = await Client.WhmAsync("listaccts", "api.version=1", Root);

        Assert.Equal("Unknown app (“listaccts”) requested for this version (1) of the API.",
            response.Json.GetProperty("metadata").GetProperty("reason").GetString());
        Assert.Equal(0, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
    }

    [Fact]
    public async Task JsonApi_WithoutApiVersion_AnswersResultZeroNamingTheFix()
    {
        var response = await Client.WhmAsync(Function, "user=demo&service=cpaneld", Root);

        Assert.Equal(0, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        Assert.Contains("api.version=1", response.Json.GetProperty("metadata").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static string LowerHexEncode(string value) =>
        string.Concat(System.Text.Encoding.UTF8.GetBytes(value).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || (char)b is '-' or '.' or '_' or '~' ? ((char)b).ToString() : $"%{b:x2}"));
}
