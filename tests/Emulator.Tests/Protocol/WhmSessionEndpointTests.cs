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
        // locale is returned (and put in the url) only when the call sent one.
        Assert.False(data.TryGetProperty("locale", out _));

        var port = service switch
        {
            "cpaneld" => Emulator.CpanelUri.Port,
            "webmaild" => Emulator.WebmailUri.Port,
            _ => Emulator.WhmUri.Port,
        };
        Assert.Equal($"https://127.0.0.1:{port}{token}/login/?session={LowerHexEncode(session)}", data.GetProperty("url").GetString());
    }

    [Fact]
    public async Task CreateUserSession_Url_EncodesWithLowerCaseHexAndSortsKeys()
    {
        var response = await Client.WhmAsync(Function,
            "api.version=1&user=demo&service=cpaneld&locale=de&app=Email_Accounts&preferred_domain=cpanel.test", Root);

        var url = response.Json.GetProperty("data").GetProperty("url").GetString()!;
        Assert.Matches(new Regex(
            @"^https://cpanel\.test:\d+/cpsess\d{10}/login/\?goto_uri=frontend%2fjupiter%2femail_accounts%2findex\.html&locale=de&session=demo%3a[A-Za-z0-9_]{16}%3acreate_user_session%2c[0-9a-f]{32}$"),
            url);
        Assert.DoesNotMatch("%[0-9a-f]?[A-F]", url);
    }

    [Fact]
    public async Task CreateUserSession_AccountWithOwnLocale_DefaultsToItWithoutReturningIt()
    {
        var response = await Client.WhmAsync(Function, "api.version=1&user=other&service=cpaneld", Root);

        var data = response.Json.GetProperty("data");
        Assert.False(data.TryGetProperty("locale", out _));
        Assert.Equal("de", Assert.Single(Emulator.Sessions, s => s.SecurityToken == data.GetProperty("cp_security_token").GetString()).Locale);
    }

    [Theory]
    [InlineData("ghost@example.com")]
    [InlineData("bob@example.com")]
    [InlineData("erin@suspended.example")]
    public async Task CreateUserSession_AnyAddressOnAServerDomain_MintsWithoutCheckingTheMailbox(string address)
    {
        // WHM maps the address to its domain's owner and checks neither the mailbox nor any suspension.
        var response = await Client.WhmAsync(Function, $"api.version=1&user={Uri.EscapeDataString(address)}&service=webmaild", Root);

        Assert.Equal(1, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        Assert.Matches(UapiSessionEndpointTests.SessionFormat(address, "create_user_session"),
            response.Json.GetProperty("data").GetProperty("session").GetString());
    }

    [Theory]
    [InlineData("cpaneld", "Cron_Home", "frontend%2fjupiter%2fcron%2findex.html")]
    [InlineData("cpaneld", "Some_Plugin_App", null)]
    [InlineData("webmaild", "Cron_Home", null)]
    public async Task CreateUserSession_App_AddsGotoUriOnlyForThemeAppsOutsideWebmail(string service, string app, string? gotoUri)
    {
        var response = await Client.WhmAsync(Function, $"api.version=1&user=demo&service={service}&app={app}", Root);

        var url = response.Json.GetProperty("data").GetProperty("url").GetString()!;
        Assert.Equal(1, response.Json.GetProperty("metadata").GetProperty("result").GetInt32());
        if (gotoUri is null)
        {
            Assert.DoesNotContain("goto_uri=", url, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("?goto_uri=" + gotoUri + "&session=", url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateUserSession_HostNameNotResolving_AnswersWithThePublicIpAndAWarning()
    {
        var seed = DefaultSeed.Create();
        seed.Server.HostnameResolves = false;
        await using var emulator = await CpanelSessionOps.Emulator.Hosting.CpanelEmulator.StartAsync(new CpanelSessionOps.Emulator.Hosting.CpanelEmulatorOptions { Seed = seed });
        using var client = new EmulatorTestClient(emulator);

        var response = await client.SendAsync(HttpMethod.Get,
            new Uri($"https://localhost:{emulator.WhmUri.Port}/json-api/{Function}?api.version=1&user=alice%40example.com&service=webmaild"), Root, null, null);

        var url = new Uri(response.Json.GetProperty("data").GetProperty("url").GetString()!);
        Assert.Equal(("127.0.0.1", emulator.WebmailUri.Port), (url.Host, url.Port));
        var warning = Assert.Single(response.Json.GetProperty("metadata").GetProperty("output").GetProperty("warnings").EnumerateArray());
        Assert.Contains("localhost", warning.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUserSession_ServerWithAnSslDomain_AnswersWithThatDomainUnlessPreferredDomainIsGiven()
    {
        var seed = DefaultSeed.Create();
        seed.Server.SslDomain = "server.example.net";
        await using var emulator = await CpanelSessionOps.Emulator.Hosting.CpanelEmulator.StartAsync(new CpanelSessionOps.Emulator.Hosting.CpanelEmulatorOptions { Seed = seed });
        using var client = new EmulatorTestClient(emulator);

        var plain = await client.WhmAsync(Function, "api.version=1&user=demo&service=cpaneld", Root);
        var preferred = await client.WhmAsync(Function, "api.version=1&user=demo&service=cpaneld&preferred_domain=example.com", Root);

        Assert.Equal("server.example.net", new Uri(plain.Json.GetProperty("data").GetProperty("url").GetString()!).Host);
        Assert.Equal("example.com", new Uri(preferred.Json.GetProperty("data").GetProperty("url").GetString()!).Host);
        Assert.False(plain.Json.GetProperty("metadata").TryGetProperty("output", out _));
    }

    [Fact]
    public async Task JsonApi_RefusedPassword_Answers403TextPlainAccessDenied()
    {
        var response = await Client.WhmAsync(Function, "api.version=1&user=other&service=webmaild",
            EmulatorTestClient.Basic(DefaultSeed.ResellerUser, "wrong"));
        var anonymous = await Client.WhmAsync(Function, "api.version=1&user=other&service=webmaild", null);

        foreach (var answer in new[] { response, anonymous })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Equal("text/plain", answer.Message.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Access denied", answer.Json.GetProperty("cpanelresult").GetProperty("error").GetString());
        }
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
        { "root", "api.version=1&user=&service=cpaneld", "You cannot create a session for the user “” because they do not exist." },
        { "root", "api.version=1&user=demo", "The “service” parameter is required." },
        { "root", "api.version=1&user=demo&service=ftpd", "The “service” parameter is invalid. The only supported services for this API call are “cpaneld”, “webmaild”, and “whostmgrd”." },
        { "root", "api.version=1&user=demo&service=", "The “service” parameter is invalid. The only supported services for this API call are “cpaneld”, “webmaild”, and “whostmgrd”." },
        { "root", "api.version=1&user=ghost&service=cpaneld", "You cannot create a session for the user “ghost” because they do not exist." },
        { "root", "api.version=1&user=ghost%40nowhere.example&service=webmaild", "You cannot create a session for the user “ghost@nowhere.example” because they do not exist." },
        { "root", "api.version=1&user=closed&service=cpaneld", "You cannot create a session for the user “closed” because they are currently suspended." },
        { "root", "api.version=1&user=root&service=cpaneld", "You do not have permission to create sessions for the user “root”." },
        { "root", "api.version=1&user=root&service=webmaild", "You do not have permission to create sessions for the user “root”." },
        { "root", "api.version=1&user=demo&service=cpaneld&locale=abcdefghijklmnopq", "The “abcdefghijklmnopq” parameter is invalid. The “abcdefghijklmnopq” parameter may not be longer than 16 characters." },
        { "root", "api.version=1&user=demo&service=cpaneld&preferred_domain=not_a_domain!", "The “not_a_domain!” parameter is invalid. The “not_a_domain!” parameter must be a valid domain name or IP address." },
        { "root", "api.version=1&user=demo&service=cpaneld&preferred_domain=elsewhere.example", "The “elsewhere.example” parameter is invalid. The “elsewhere.example” parameter must be a domain or IP address on this server." },
        { "res1", "api.version=1&user=demo&service=cpaneld", "You do not have permission to create sessions for the user “demo”." },
        { "res1", "api.version=1&user=alice%40example.com&service=webmaild", "You do not have permission to create sessions for the user “alice@example.com”." },
        { "root", "api.version=1&user=demo&service=whostmgrd", "You cannot create a “whostmgrd” session for the user “demo” because they are not a reseller." },
        { "root", "api.version=1&user=demo&service=cpaneld&app=No.Such.App", "The requested application, No.Such.App, is invalid." },
        // The order: user before service, existence before permission, permission before the reseller check.
        { "root", "api.version=1&service=ftpd", "The “user” parameter is required." },
        { "res1", "api.version=1&user=ghost&service=whostmgrd", "You cannot create a session for the user “ghost” because they do not exist." },
        { "res1", "api.version=1&user=demo&service=whostmgrd", "You do not have permission to create sessions for the user “demo”." },
        // ... then locale before the reseller check, the reseller check before preferred_domain, preferred_domain before app.
        { "root", "api.version=1&user=demo&service=whostmgrd&locale=abcdefghijklmnopq", "The “abcdefghijklmnopq” parameter is invalid. The “abcdefghijklmnopq” parameter may not be longer than 16 characters." },
        { "root", "api.version=1&user=demo&service=whostmgrd&preferred_domain=x!", "You cannot create a “whostmgrd” session for the user “demo” because they are not a reseller." },
        { "root", "api.version=1&user=demo&service=cpaneld&preferred_domain=x!&app=a.b", "The “x!” parameter is invalid. The “x!” parameter must be a valid domain name or IP address." },
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
