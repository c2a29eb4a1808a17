using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.State;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

public sealed partial class UapiSessionEndpointTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string MailUser = "create_webmail_session_for_mail_user";
    private const string CheckPassword = "create_webmail_session_for_mail_user_check_password";
    private const string ForSelf = "create_webmail_session_for_self";

    private readonly EmulatorTestClient _client = new(fixture.Emulator);
    private static readonly System.Net.Http.Headers.AuthenticationHeaderValue Demo =
        EmulatorTestClient.CpanelToken(DefaultSeed.DemoUser, DefaultSeed.DemoToken);

    [Fact]
    public async Task ForMailUser_OwnedMailbox_ReturnsSessionForThatMailbox()
    {
        var response = await _client.UapiAsync(MailUser, "login=alice&domain=example.com", Demo);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        UapiSchemas.AssertValid(MailUser, response.Json);
        Assert.Equal(3, response.Json.GetProperty("apiversion").GetInt32());
        Assert.Equal(MailUser, response.Json.GetProperty("func").GetString());
        Assert.Equal("Session", response.Json.GetProperty("module").GetString());
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, response.Result.GetProperty("errors").ValueKind);
        var data = response.Result.GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("hostname").ValueKind);
        Assert.Matches(SessionFormat("alice@example.com", "CREATE_WEBMAIL_SESSION_FOR_MAIL_USER"), data.GetProperty("session").GetString());
        Assert.Matches(TokenFormat(), data.GetProperty("token").GetString());
    }

    [Fact]
    public async Task ForMailUser_MailboxOnRemoteNode_ReturnsTheNodeHostname()
    {
        var response = await _client.UapiAsync(MailUser, "login=carol&domain=example.com", Demo);

        UapiSchemas.AssertValid(MailUser, response.Json);
        Assert.Equal(DefaultSeed.RemoteMailHost, response.Result.GetProperty("data").GetProperty("hostname").GetString());
    }

    [Fact]
    public async Task ForMailUser_FormPost_IsAcceptedLikeTheQuery()
    {
        var response = await _client.UapiAsync(MailUser, "", Demo,
            new Dictionary<string, string> { ["login"] = "alice", ["domain"] = "example.com" });

        UapiSchemas.AssertValid(MailUser, response.Json);
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ForSelf_TokenOfAccount_ReturnsSessionForTheAccount()
    {
        var response = await _client.UapiAsync(ForSelf, "", Demo);

        UapiSchemas.AssertValid(ForSelf, response.Json);
        var data = response.Result.GetProperty("data");
        Assert.Equal(JsonValueKind.Null, data.GetProperty("hostname").ValueKind);
        Assert.Matches(SessionFormat("demo", "CREATE_WEBMAIL_SESSION_FOR_SELF"), data.GetProperty("session").GetString());
        Assert.Matches(TokenFormat(), data.GetProperty("token").GetString());
    }

    [Fact]
    public async Task CheckPassword_RightPasswordInForm_ReturnsSessionTaggedAsMailUser()
    {
        var response = await _client.UapiAsync(CheckPassword, "", Demo, new Dictionary<string, string>
        {
            ["login"] = "alice",
            ["domain"] = "example.com",
            ["password"] = DefaultSeed.AlicePassword,
        });

        UapiSchemas.AssertValid(CheckPassword, response.Json);
        Assert.Matches(SessionFormat("alice@example.com", "CREATE_WEBMAIL_SESSION_FOR_MAIL_USER"),
            response.Result.GetProperty("data").GetProperty("session").GetString());
    }

    public static TheoryData<string, string, string, string?> ErrorRows() => new()
    {
        { MailUser, "", "Provide the “login” and “domain” arguments.", null },
        { MailUser, "login=alice", "Provide the “domain” argument.", null },
        { MailUser, "domain=example.com", "Provide the “login” argument.", null },
        { CheckPassword, "login=alice&domain=example.com", "Provide the “password” argument.", null },
        // check_password asks for its arguments one at a time: only the first missing one is named.
        { CheckPassword, "", "Provide the “login” argument.", null },
        { CheckPassword, "login=alice", "Provide the “domain” argument.", null },
        { MailUser, "login=&domain=example.com", "The “login” argument cannot be empty.", null },
        { MailUser, "login=alice&domain=", "The “domain” argument cannot be empty.", null },
        { CheckPassword, "login=alice&domain=example.com&password=", "The “password” argument cannot be empty.", null },
        // Every empty argument is named.
        { MailUser, "login=&domain=", "The “login” and “domain” arguments cannot be empty.", null },
        { CheckPassword, "login=&domain=&password=", "The “login”, “domain”, and “password” arguments cannot be empty.", null },
        { MailUser, "login=alice&domain=example.com&remote_address=1.2.3", "“1.2.3” is not a valid IP address.", null },
        { ForSelf, "remote_address=300.1.1.1", "“300.1.1.1” is not a valid IP address.", null },
        { MailUser, "login=alice&domain=example.com&locale=xx", "“xx” does not refer to any of this system’s locales.", null },
        { ForSelf, "locale=EN", "“EN” does not refer to any of this system’s locales.", null },
        { MailUser, "login=nobody&domain=example.com", "You do not have a user named “nobody@example.com”.", null },
        { MailUser, "login=dave&domain=example.org", "You do not have a user named “dave@example.org”.", null },
        { CheckPassword, "login=dave&domain=example.org&password=dave-pass", "You do not have a user named “dave@example.org”.", "UserNotFound" },
        { CheckPassword, "login=bob&domain=example.com&password=bob-pass", "Logins for “bob@example.com” are suspended.", "Suspended" },
        { CheckPassword, "login=alice&domain=example.com&password=wrong", "The provided password is incorrect.", "BadPassword" },
        // Validation order (cPanel's code): arguments, remote_address, the mailbox, locale.
        { MailUser, "login=nobody&domain=example.com&remote_address=x&locale=xx", "“x” is not a valid IP address.", null },
        { MailUser, "login=nobody&domain=example.com&locale=xx", "You do not have a user named “nobody@example.com”.", null },
        // check_password proves the mailbox and its password before anything else: a wrong password with a bad IP is BadPassword.
        { CheckPassword, "login=alice&domain=example.com&password=wrong&remote_address=1.2.3", "The provided password is incorrect.", "BadPassword" },
        { CheckPassword, "login=bob&domain=example.com&password=wrong&remote_address=1.2.3", "Logins for “bob@example.com” are suspended.", "Suspended" },
        { CheckPassword, "login=alice&domain=example.com&password=alice-pass&remote_address=1.2.3", "“1.2.3” is not a valid IP address.", null },
        { CheckPassword, "login=alice&domain=example.com&password=alice-pass&locale=xx", "“xx” does not refer to any of this system’s locales.", null },
    };

    [Theory]
    [MemberData(nameof(ErrorRows))]
    public async Task Function_InvalidCall_AnswersStatusZeroWithCpanelsText(string function, string query, string error, string? errorType)
    {
        var response = await _client.UapiAsync(function, query, Demo);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        UapiSchemas.AssertValid(function, response.Json);
        Assert.Equal(0, response.Result.GetProperty("status").GetInt32());
        Assert.Equal([error], response.Errors);
        var data = response.Result.GetProperty("data");
        if (errorType is null)
        {
            Assert.Equal(JsonValueKind.Null, data.ValueKind);
        }
        else
        {
            Assert.Equal(errorType, data.GetProperty("type").GetString());
            Assert.Equal(JsonValueKind.Null, data.GetProperty("detail").ValueKind);
        }
    }

    [Theory]
    [InlineData(MailUser, "login=alice&domain=not-on-this-server.example")]
    [InlineData(CheckPassword, "login=alice&domain=not-on-this-server.example&password=x")]
    public async Task Function_DomainNotOnTheServer_AnswersTheGenericFailureWithAnErrorId(string function, string query)
    {
        var response = await _client.UapiAsync(function, query, Demo);

        UapiSchemas.AssertValid(function, response.Json);
        Assert.Equal(0, response.Result.GetProperty("status").GetInt32());
        Assert.Matches(
            @"^The request failed\. \(Error ID: [0-9a-z]{6}\) Ask your hosting provider to research this error in cPanel & WHM’s main error log\.$",
            Assert.Single(response.Errors));
        Assert.Equal(JsonValueKind.Null, response.Result.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task ForMailUser_SuspendedMailboxWithoutPasswordCheck_StillMintsASession()
    {
        // Only the check_password variant refuses suspended logins; the login itself is refused later.
        var response = await _client.UapiAsync(MailUser, "login=bob&domain=example.com", Demo);

        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ForMailUser_NoRemoteAddress_RecordsTheCallersAddressAsOrigin()
    {
        var response = await _client.UapiAsync(MailUser, "login=alice&domain=example.com", Demo);
        var token = response.Result.GetProperty("data").GetProperty("token").GetString();

        var session = Assert.Single(fixture.Emulator.Sessions, s => s.SecurityToken == token);
        Assert.Equal("127.0.0.1", session.RemoteAddress);
        Assert.Equal("en", session.Locale);
        Assert.Equal(EmulatedSessionService.Webmail, session.Service);
        Assert.False(session.Used);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("2001:db8::1")]
    public async Task ForMailUser_GivenRemoteAddressAndLocale_RecordsThem(string address)
    {
        var response = await _client.UapiAsync(MailUser, $"login=alice&domain=example.com&remote_address={Uri.EscapeDataString(address)}&locale=pt_br", Demo);
        var token = response.Result.GetProperty("data").GetProperty("token").GetString();

        var session = Assert.Single(fixture.Emulator.Sessions, s => s.SecurityToken == token);
        Assert.Equal(address, session.RemoteAddress);
        Assert.Equal("pt_br", session.Locale);
    }

    [Fact]
    public async Task ForSelf_AccountWithOwnLocale_DefaultsToIt()
    {
        var response = await _client.UapiAsync(ForSelf, "", EmulatorTestClient.CpanelToken(DefaultSeed.OtherUser, DefaultSeed.OtherToken));
        var token = response.Result.GetProperty("data").GetProperty("token").GetString();

        Assert.Equal("de", Assert.Single(fixture.Emulator.Sessions, s => s.SecurityToken == token).Locale);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("basic")]
    public async Task CreateTempUser_OutsideABrowserSession_SucceedsWithoutCreating(string auth)
    {
        var response = await _client.UapiAsync("create_temp_user", "",
            auth == "token" ? Demo : EmulatorTestClient.Basic(DefaultSeed.DemoUser, DefaultSeed.DemoPassword));

        UapiSchemas.AssertValid("create_temp_user", response.Json);
        Assert.Equal(1, response.Result.GetProperty("status").GetInt32());
        var data = response.Result.GetProperty("data");
        Assert.Equal(0, data.GetProperty("created").GetInt32());
        Assert.False(data.TryGetProperty("session_temp_user", out _));
    }

    [Fact]
    public async Task CreateTempUser_InsideABrowserSession_CreatesATemporaryUser()
    {
        var whm = await _client.WhmAsync("create_user_session", "api.version=1&user=demo&service=cpaneld",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));
        var token = whm.Json.GetProperty("data").GetProperty("cp_security_token").GetString()!;
        var session = whm.Json.GetProperty("data").GetProperty("session").GetString()!;
        var login = await _client.PostLoginAsync(fixture.Emulator.CpanelUri, token, session);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var response = await _client.SendAsync(HttpMethod.Get, new Uri(fixture.Emulator.CpanelUri, token + "/execute/Session/create_temp_user"),
            null, null, null, cookie);

        var again = await _client.SendAsync(HttpMethod.Get, new Uri(fixture.Emulator.CpanelUri, token + "/execute/Session/create_temp_user"),
            null, null, null, cookie);

        UapiSchemas.AssertValid("create_temp_user", response.Json);
        var data = response.Result.GetProperty("data");
        Assert.Equal(1, data.GetProperty("created").GetInt32());
        Assert.Matches("^cpses_de[0-9a-z]{8}$", data.GetProperty("session_temp_user").GetString());
        // Once per browser session: the second call in the same session creates nothing.
        Assert.Equal(0, again.Result.GetProperty("data").GetProperty("created").GetInt32());
        Assert.False(again.Result.GetProperty("data").TryGetProperty("session_temp_user", out _));
    }

    [Fact]
    public async Task SessionPath_CookieWithAnotherSessionsToken_AnswersTokenDenied()
    {
        var whm = await _client.WhmAsync("create_user_session", "api.version=1&user=demo&service=cpaneld",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));
        var token = whm.Json.GetProperty("data").GetProperty("cp_security_token").GetString()!;
        var login = await _client.PostLoginAsync(fixture.Emulator.CpanelUri, token, whm.Json.GetProperty("data").GetProperty("session").GetString()!);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var wrong = token[..^1] + (token[^1] == '0' ? '1' : '0');

        var response = await _client.SendAsync(HttpMethod.Get, new Uri(fixture.Emulator.CpanelUri, wrong + "/execute/Session/create_temp_user"),
            null, null, null, cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Token Denied", response.Message.ReasonPhrase);
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SessionPath_WithoutCookie_ShowsTheLoginPage()
    {
        var response = await _client.SendAsync(HttpMethod.Get, new Uri(fixture.Emulator.CpanelUri, "/cpsess0123456789/execute/Session/create_temp_user"),
            null, null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Contains("<title>cPanel Login</title>", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Session", "create_everything", "The system could not find the function “create_everything” in the module “Session”.")]
    [InlineData("Mailboxes", "list", "Failed to load module “Mailboxes”: The system failed to load the module “Cpanel::API::Mailboxes” because of an error: Can't locate Cpanel/API/Mailboxes.pm in @INC")]
    public async Task Execute_UnknownModuleOrFunction_AnswersStatusZero(string module, string function, string error)
    {
        var response = await _client.UapiAsync(function, "", Demo, module: module);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(module, response.Json.GetProperty("module").GetString());
        Assert.Equal(function, response.Json.GetProperty("func").GetString());
        Assert.Equal(0, response.Result.GetProperty("status").GetInt32());
        // cPanel's module text goes on with Perl's @INC list: compare the part the server is known to send.
        Assert.StartsWith(error, Assert.Single(response.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_ManySessions_EachSecretAndTokenIsUnique()
    {
        var minted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _client.MintForMailboxAsync("alice", "example.com")));

        Assert.Equal(50, minted.Select(m => m.Session).Distinct().Count());
        Assert.Equal(50, minted.Select(m => m.Token).Distinct().Count());
    }

    internal static Regex SessionFormat(string user, string tag) =>
        new($"^{Regex.Escape(user)}:[A-Za-z0-9_]{{16}}:{tag},[0-9a-f]{{32}}$");

    [GeneratedRegex("^/cpsess[0-9]{10}$")]
    internal static partial Regex TokenFormat();

    public void Dispose() => _client.Dispose();
}
