using System.Net;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

public sealed class LoginEndpointTests : FreshEmulatorTest
{
    [Fact]
    public async Task PostLogin_FreshSession_Answers307MovedAsCaptured()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.Status);
        Assert.Equal("Moved", response.Message.ReasonPhrase);
        var location = response.Message.Headers.Location!;
        Assert.False(location.IsAbsoluteUri);
        Assert.Matches($@"^{token}/webmail/jupiter/index\.html\?login=1&post_login=[0-9]+$", location.OriginalString);
        Assert.Equal("no-cache, no-store, must-revalidate, private", response.Message.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("text/html", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"""<META HTTP-EQUIV="refresh" CONTENT="0;URL={location.OriginalString.Replace("&", "&amp;", StringComparison.Ordinal)}">""",
            response.Body, StringComparison.Ordinal);
        var cookie = Assert.Single(response.Message.Headers.GetValues("Set-Cookie"));
        Assert.Matches(
            $@"^webmailsession=alice%40example\.com%3a[A-Za-z0-9_]{{16}}%2c[0-9a-f]{{32}}; HttpOnly; path=/; port={Emulator.WebmailUri.Port}; secure$", cookie);
        Assert.True(Assert.Single(Emulator.Sessions, s => s.SecurityToken == token).Used);
    }

    [Fact]
    public async Task ThemePage_WithTheCookie_OpensWithoutNamingTheMailbox()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        var login = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var page = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, login.Message.Headers.Location!), null, null, null, cookie);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<title>Webmail</title>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", page.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("cpaneld", "demo", "/frontend/jupiter/index.html?post_login=")]
    [InlineData("webmaild", "alice@example.com", "/webmail/jupiter/index.html?login=1&post_login=")]
    public async Task Login_RedirectToSessionRoot_RedirectsOnToTheThemePage(string service, string user, string themePage)
    {
        Emulator.LoginRedirect = CpanelSessionOps.Emulator.Protocol.LoginRedirectTarget.SessionRoot;
        var whm = await Client.WhmAsync("create_user_session", $"api.version=1&user={Uri.EscapeDataString(user)}&service={service}",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));
        var url = new Uri(whm.Json.GetProperty("data").GetProperty("url").GetString()!);
        var token = whm.Json.GetProperty("data").GetProperty("cp_security_token").GetString()!;

        var login = await Client.SendAsync(HttpMethod.Get, url, null, null, null);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var root = await Client.SendAsync(HttpMethod.Get, new Uri(url, login.Message.Headers.Location!), null, null, null, cookie);
        var page = await Client.SendAsync(HttpMethod.Get, new Uri(url, root.Message.Headers.Location!), null, null, null, cookie);

        Assert.Equal(token + "/", login.Message.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, root.Status);
        Assert.StartsWith(token + themePage, root.Message.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task SessionPage_CookieWithAWrongOrMissingToken_AnswersTokenDenied()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        var login = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var wrong = token[..^1] + (token[^1] == '0' ? '1' : '0');

        var wrongToken = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, wrong + "/webmail/jupiter/index.html"), null, null, null, cookie);
        var noToken = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, "/webmail/jupiter/index.html"), null, null, null, cookie);

        Assert.Equal((HttpStatusCode.Unauthorized, "Token Denied"), (wrongToken.Status, wrongToken.Message.ReasonPhrase));
        Assert.Equal((HttpStatusCode.Unauthorized, "Token Denied"), (noToken.Status, noToken.Message.ReasonPhrase));
    }

    [Fact]
    public async Task PostLogin_SessionUsedTwiceWhenNotSingleUse_LogsInAgain()
    {
        await using var emulator = await CpanelSessionOps.Emulator.Hosting.CpanelEmulator.StartAsync(new CpanelSessionOps.Emulator.Hosting.CpanelEmulatorOptions { SessionsAreSingleUse = false });
        using var client = new EmulatorTestClient(emulator);
        var (session, token) = await client.MintForMailboxAsync("alice", "example.com");
        await client.PostLoginAsync(emulator.WebmailUri, token, session);

        var second = await client.PostLoginAsync(emulator.WebmailUri, token, session);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, second.Status);
    }

    [Fact]
    public async Task SessionPage_WithoutCookie_ShowsTheLoginPage()
    {
        var (_, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var page = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, token + "/"), null, null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, page.Status);
        Assert.Contains("<title>Webmail Login</title>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionPage_AfterFifteenIdleMinutes_ShowsTheLoginPage()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        var login = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Time.Advance(TimeSpan.FromMinutes(15));

        var page = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, token + "/"), null, null, null, cookie);

        Assert.Contains("<title>Webmail Login</title>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostLogin_SessionUsedTwice_SecondGetsLoginPageWithoutCookie()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        var second = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        await AssertLoginRefusedAsync(second, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_JustBeforeFiveMinutes_Succeeds()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        Time.Advance(TimeSpan.FromSeconds(299));

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.Status);
    }

    [Fact]
    public async Task PostLogin_AfterFiveMinutes_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        Time.Advance(TimeSpan.FromSeconds(300));

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        await AssertLoginRefusedAsync(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_UnknownSession_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session[..^1] + (session[^1] == '0' ? '1' : '0'));

        await AssertLoginRefusedAsync(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_AnotherSessionsToken_IsRefused()
    {
        var (session, _) = await Client.MintForMailboxAsync("alice", "example.com");
        var (_, otherToken) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, otherToken, session);

        await AssertLoginRefusedAsync(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_WebmailSessionOnCpanelPort_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.CpanelUri, token, session);

        await AssertLoginRefusedAsync(response, "cPanel Login");
    }

    [Fact]
    public async Task PostLogin_MailboxWithSuspendedLogin_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("bob", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        await AssertLoginRefusedAsync(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_FailureStatusSwitchedTo200_AnswersLoginPageWith200()
    {
        Emulator.LoginFailureStatusCode = 200;

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, "/cpsess0000000000", "nobody:x");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Message.Headers.Contains("Set-Cookie"));
        Assert.Contains("<title>Webmail Login</title>", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("webmaild", "alice@example.com", "webmailsession", "Webmail")]
    [InlineData("cpaneld", "demo", "cpsession", "cPanel")]
    [InlineData("whostmgrd", "res1", "whostmgrsession", "WHM")]
    public async Task GetLoginUrl_WhmSession_LogsInOnItsServicePortAndNamesTheUser(string service, string user, string cookieName, string product)
    {
        var whm = await Client.WhmAsync("create_user_session", $"api.version=1&user={Uri.EscapeDataString(user)}&service={service}",
            EmulatorTestClient.WhmToken("root", DefaultSeed.RootToken));
        var data = whm.Json.GetProperty("data");
        var url = new Uri(data.GetProperty("url").GetString()!);
        var token = data.GetProperty("cp_security_token").GetString()!;

        var login = await Client.SendAsync(HttpMethod.Get, url, null, null, null);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, login.Status);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(cookieName + "=", cookie, StringComparison.Ordinal);
        Assert.StartsWith(token + "/", login.Message.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await Client.SendAsync(HttpMethod.Get, new Uri(url, login.Message.Headers.Location!), null, null, null, cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<title>{product}</title>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(user, page.Body, StringComparison.OrdinalIgnoreCase);
    }

    // Captured: 401 Access Denied with the login page and a cookie for a new, unauthenticated session that logs nobody in.
    private async Task AssertLoginRefusedAsync(ApiResponse response, string title)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Access Denied", response.Message.ReasonPhrase);
        Assert.Contains($"<title>{title}</title>", response.Body, StringComparison.Ordinal);
        var cookie = Assert.Single(response.Message.Headers.GetValues("Set-Cookie"));
        Assert.Matches(@"^(webmailsession|cpsession)=%3a[A-Za-z0-9_]{16}%2c[0-9a-f]{32}; HttpOnly; path=/; port=\d+; secure$", cookie);
        var listener = title == "Webmail Login" ? Emulator.WebmailUri : Emulator.CpanelUri;
        var page = await Client.SendAsync(HttpMethod.Get, new Uri(listener, "/cpsess0000000000/"), null, null, null, cookie.Split(';')[0]);
        Assert.Contains($"<title>{title}</title>", page.Body, StringComparison.Ordinal);
    }
}
