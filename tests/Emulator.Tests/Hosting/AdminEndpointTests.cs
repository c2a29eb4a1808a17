using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Emulator.Tests.Support;

namespace CpanelSessionOps.Emulator.Tests.Hosting;

public sealed class AdminEndpointTests : FreshEmulatorTest
{
    private readonly HttpClient _admin = new() { Timeout = TimeSpan.FromSeconds(10) };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _admin.BaseAddress = Emulator.AdminUri;
    }

    public override async Task DisposeAsync()
    {
        _admin.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task PostFaults_ValidRule_IsAppliedToTheNextRequest()
    {
        using var posted = await _admin.PostAsJsonAsync("faults", new { function = "create_webmail_session_for_self", kind = "Http503", times = 1 });

        var response = await Client.UapiAsync("create_webmail_session_for_self", "", EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
    }

    [Fact]
    public async Task GetFaults_ListsRulesAndDeleteClearsThem()
    {
        Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Latency, Delay = TimeSpan.FromMilliseconds(250) });

        var listed = await _admin.GetFromJsonAsync<JsonElement>("faults");
        using var deleted = await _admin.DeleteAsync("faults");

        var rule = Assert.Single(listed.EnumerateArray());
        Assert.Equal("Latency", rule.GetProperty("kind").GetString());
        Assert.Equal(250, rule.GetProperty("delayMs").GetInt32());
        Assert.Equal("*", rule.GetProperty("function").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(Emulator.Faults.Rules);
    }

    [Theory]
    [InlineData("""{"function":"x"}""")]
    [InlineData("""{"kind":"Meteor"}""")]
    [InlineData("""{"kind":"Latency"}""")]
    [InlineData("not json")]
    public async Task PostFaults_BadRule_Answers400AndChangesNothing(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _admin.PostAsync("faults", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
        Assert.Empty(Emulator.Faults.Rules);
    }

    [Fact]
    public async Task PutSettings_PasswordFailureSwitch_ChangesHowRefusalsAnswer()
    {
        using var put = await _admin.PutAsJsonAsync("settings", new { passwordFailureAsLoginPage = true, loginFailureStatusCode = 200 });

        var response = await Client.UapiAsync("create_webmail_session_for_self", "", EmulatorTestClient.Basic("demo", "wrong"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.True(Emulator.PasswordFailureAsLoginPage);
        Assert.Equal(200, Emulator.LoginFailureStatusCode);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Contains("cPanel Login", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSettings_BadStatus_Answers400AndChangesNothing()
    {
        using var put = await _admin.PutAsJsonAsync("settings", new { loginFailureStatusCode = 302 });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(401, Emulator.LoginFailureStatusCode);
    }

    [Fact]
    public async Task GetSessionsAndRequests_AfterAMint_ShowNoSecrets()
    {
        var (session, token) = await Client.MintForMailboxAsync("alice", "example.com");
        await Client.UapiAsync("create_webmail_session_for_mail_user_check_password",
            $"login=alice&domain=example.com&password={DefaultSeed.AlicePassword}", EmulatorTestClient.CpanelToken("demo", DefaultSeed.DemoToken));
        await Client.SendAsync(HttpMethod.Get, new Uri(Emulator.WebmailUri, $"{token}/login/?session={Uri.EscapeDataString(session)}"), null, null, null);

        var sessions = await _admin.GetStringAsync("sessions");
        var requests = await _admin.GetStringAsync("requests");

        Assert.Contains(token, sessions, StringComparison.Ordinal);
        Assert.Contains("create_webmail_session_for_mail_user_check_password", requests, StringComparison.Ordinal);
        Assert.Contains("password=[redacted]", requests, StringComparison.Ordinal);
        Assert.Contains("session=[redacted]", requests, StringComparison.Ordinal);
        foreach (var secret in new[] { session, Uri.EscapeDataString(session), session.Split(',')[1], DefaultSeed.AlicePassword, DefaultSeed.DemoToken })
        {
            Assert.DoesNotContain(secret, sessions, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, requests, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_UnknownAdminPath_Answers404NamingTheDocs()
    {
        using var response = await _admin.GetAsync("nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("docs/emulator.md", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHealth_Answers200()
    {
        using var response = await _admin.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetHealth_AnswersAHealthDocumentWithTheListeners()
    {
        using var health = JsonDocument.Parse(await _admin.GetStringAsync("health"));

        Assert.Equal("healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(Emulator.WhmUri.ToString(), health.RootElement.GetProperty("whmUrl").GetString());
        Assert.Equal(Emulator.CertificateSha256, health.RootElement.GetProperty("certificateSha256").GetString());
        Assert.Equal(0, health.RootElement.GetProperty("sessionsMinted").GetInt32());
    }

    [Fact]
    public async Task AdminPath_WithADoubleSlash_IsTheSameEndpoint()
    {
        using var response = await _admin.GetAsync(Emulator.AdminUri + "/faults");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", (await response.Content.ReadAsStringAsync()).Trim());
    }
}
