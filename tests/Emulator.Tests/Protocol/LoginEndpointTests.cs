using System.Net;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Protocol;

public sealed class LoginEndpointTests : FreshEmulatorTest
{


    [Fact]
    public async Task PostLogin_FreshSession_Answers307WithTheWebmailCookie()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.Status);
        Assert.Equal(token + "/", response.Message.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Message.Headers.GetValues("Set-Cookie"));
        Assert.Matches(@"^webmailsession=alice%40example\.com%3a[A-Za-z0-9_]{16}%2c[0-9a-f]{32}; HttpOnly; path=/; secure$", cookie);
        Assert.True(Assert.Single(Emulator.Sessions, s => s.SecurityToken == token).Used);
    }

    [Fact]
    public async Task SessionPage_WithTheCookie_NamesTheMailbox()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        var login = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);
        var cookie = login.Message.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        var page = await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, token + "/"), null, null, null, cookie);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("""<span id="user">alice@example.com</span>""", page.Body, StringComparison.Ordinal);
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

        AssertLoginRefused(second, "Webmail Login");
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

        AssertLoginRefused(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_UnknownSession_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session[..^1] + (session[^1] == '0' ? '1' : '0'));

        AssertLoginRefused(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_AnotherSessionsToken_IsRefused()
    {
        var (session, _) = await Client.MintForMailboxAsync("alice", "example.com");
        var (_, otherToken) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, otherToken, session);

        AssertLoginRefused(response, "Webmail Login");
    }

    [Fact]
    public async Task PostLogin_WebmailSessionOnCpanelPort_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");

        var response = await Client.PostLoginAsync(Emulator.CpanelUri, token, session);

        AssertLoginRefused(response, "cPanel Login");
    }

    [Fact]
    public async Task PostLogin_MailboxWithSuspendedLogin_IsRefused()
    {
        var (session, token) = await Client.MintForMailboxAsync("bob", "example.com");

        var response = await Client.PostLoginAsync(Emulator.WebmailUri, token, session);

        AssertLoginRefused(response, "Webmail Login");
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
        var page = await Client.SendAsync(HttpMethod.Get, new Uri(url, token + "/"), null, null, null, cookie.Split(';')[0]);
        Assert.Contains($"<title>{product} - {user}</title>", page.Body, StringComparison.Ordinal);
    }

    private static void AssertLoginRefused(ApiResponse response, string title)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.False(response.Message.Headers.Contains("Set-Cookie"));
        Assert.Contains($"<title>{title}</title>", response.Body, StringComparison.Ordinal);
    }
}
