using System.Text;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Functions.Tests.Support;
using CpanelSessionOps.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>
/// Hostile and malformed requests against the HTTP API and the three ChatOps webhooks, through the Functions app as
/// Program.cs registers it (the emulator as cPanel, the local Key Vault, logs captured at Trace). For every case: the
/// status is one of those expected and never 5xx; cPanel is contacted only where the case says it may be; and no
/// secret (keys, tokens, signing secrets, session strings, cookies, links) appears in the response, any log record
/// (message or structured state), any audit record or any comment posted on GitHub. (The Action's cases are in
/// Action.Tests' HostileActionInputTests, where its program lives.)
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Fixture fixture) : IClassFixture<HostileInputTests.Fixture>
{
    /// <summary>One host for every case, with limits high enough that no case is refused for another's traffic.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public FunctionsHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await FunctionsHost.StartAsync(new()
        {
            ["Policy:CallerLimit"] = "100000",
            ["Policy:TargetLimit"] = "100000",
            // Slack answers inline: no answer may still be running when the next case starts counting cPanel requests.
            ["ChatOps:SlackInlineBudget"] = "00:05:00",
        });

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }

    /// <param name="Name">Shown in the test name.</param>
    /// <param name="Send">Sends the request(s); the last answer is judged.</param>
    /// <param name="Statuses">The statuses this case may get.</param>
    /// <param name="MayReachCpanel">Whether the request is legitimate enough to reach cPanel.</param>
    /// <param name="LinkInResponse">Whether the answer legitimately carries a login link (to its own caller).</param>
    private sealed record Case(string Name, Func<FunctionsHost, Task<FunctionResponse>> Send, int[] Statuses, bool MayReachCpanel = false, bool LinkInResponse = false);

    private static long _unique = 900_000;

    private static long Next() => Interlocked.Increment(ref _unique);

    private static readonly Dictionary<string, Case> Cases = BuildCases().ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Fact]
    public void Cases_AreAtLeast150()
    {
        Assert.True(Cases.Count >= 150, $"only {Cases.Count} hostile cases");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileRequest_GetsItsStatus_ReachesCpanelOnlyWhenItShould_AndLeaksNoSecret(string name)
    {
        var host = fixture.Host;
        var @case = Cases[name];
        host.Logs.Clear();
        var auditBefore = host.Audit.Records.Count;
        var cpanelBefore = host.Emulator.Requests.Total;
        var commentsBefore = host.GitHub.Comments.Keys.ToHashSet();

        var response = await @case.Send(host);

        Assert.True(response.Status < 500, $"{name} answered {response.Status}: {response.Body}");
        Assert.True(@case.Statuses.Contains(response.Status), $"{name} answered {response.Status}, expected {string.Join(" or ", @case.Statuses)}: {response.Body}");
        if (!@case.MayReachCpanel)
        {
            Assert.Equal(cpanelBefore, host.Emulator.Requests.Total);
        }

        var audit = host.Audit.Records.Skip(auditBefore).Select(r => r.ToString()).ToList();
        var logs = host.Logs.GetSnapshot().SelectMany(r => new[] { r.Message, r.Exception?.ToString() ?? "" }
            .Concat(r.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])).ToList();
        var comments = host.GitHub.Comments.Where(c => !commentsBefore.Contains(c.Key)).Select(c => c.Value).ToList();
        AssertNoSecret(name, "log", logs, linksToo: true);
        AssertNoSecret(name, "audit record", audit, linksToo: true);
        AssertNoSecret(name, "GitHub comment", comments, linksToo: true);
        AssertNoSecret(name, "response", [response.Body, .. response.Headers.Select(h => h.Key + ": " + h.Value)], linksToo: !@case.LinkInResponse);
    }

    private static readonly string[] Secrets =
    [
        FunctionsHost.PortalKey, "stranger-key", FunctionsHost.SlackSecret, FunctionsHost.TeamsToken, FunctionsHost.GitHubSecret, "ghs_chatops",
        DefaultSeed.RootToken, DefaultSeed.OtherToken, "webmailsession", "cpsession=", "whostmgrsession",
    ];

    private static void AssertNoSecret(string name, string where, IEnumerable<string> texts, bool linksToo) =>
        SecretScanner.AssertNoSecret(name, where, texts, Secrets, sessionStringsToo: linksToo);

    private static async Task<FunctionResponse> RunAsync<TFunction>(FunctionsHost host, HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> run)
    {
        var result = await run(host.Function<TFunction>(), request);
        return await FunctionsHost.ExecuteAsync(request, result);
    }

    private static Func<FunctionsHost, Task<FunctionResponse>> Webmail(string body, string contentType = "application/json", Dictionary<string, string>? headers = null) =>
        host => RunAsync<WebmailSessionsFunction>(host, host.Request("POST", "/api/webmail/sessions", body, contentType, headers), (f, r) => f.RunAsync(r, CancellationToken.None));

    private static Func<FunctionsHost, Task<FunctionResponse>> Cpanel(string body) =>
        host => RunAsync<CpanelSessionsFunction>(host, host.Request("POST", "/api/cpanel/sessions", body), (f, r) => f.RunAsync(r, CancellationToken.None));

    private static Func<FunctionsHost, Task<FunctionResponse>> Launch(string query, Dictionary<string, string>? headers = null) =>
        host => RunAsync<WebmailLaunchFunction>(host, host.Request("GET", "/api/webmail/launch", headers: headers ?? new()
        {
            ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("3f1c0000-0000-0000-0000-00000000aa01", "helpdesk-group"),
        }, query: query), (f, r) => f.RunAsync(r, CancellationToken.None));

    private static string Json(string email) => System.Text.Json.JsonSerializer.Serialize(new { email });

    private static Func<FunctionsHost, Task<FunctionResponse>> Slack(string body, Func<string, Dictionary<string, string>>? headers = null) =>
        host => SlackCommandTests.SlackRawAsync(host, body, (headers ?? (b => SlackCommandTests.SlackHeaders(b)))(body));

    private static string SlackText(string text, string user = "U0SUPPORT") => SlackCommandTests.SlackBody(text, user) + "&trigger_id=" + Next();

    // Teams bodies carry a timestamp the webhook checks for freshness: they are written when the case runs, not when the
    // cases are listed (a loaded machine may run a case minutes after xunit enumerated it).
    private static Func<FunctionsHost, Task<FunctionResponse>> Teams(Func<string> body, string? header = null) =>
        host =>
        {
            var written = body();
            return TeamsWebhookTests.TeamsRawAsync(host, written, header ?? TeamsWebhookTests.TeamsHeader(written));
        };

    private static Func<string> TeamsText(string text, string from = "29:1abcSUPPORT")
    {
        var id = "hostile-" + Next();
        return () => TeamsWebhookTests.TeamsBody(text, from, id: id);
    }

    private static Func<FunctionsHost, Task<FunctionResponse>> GitHub(string body, string @event = "issue_comment", string contentType = "application/json", string? signature = null) =>
        host => GitHubWebhookTests.GitHubRawAsync(host, body, "delivery-" + Next(), signature, @event, contentType);

    private static string Comment(string text, string login = "octocat", string action = "created") =>
        GitHubWebhookTests.GitHubBody(text, login, action, commentId: Next());

    private static string CommentWith(string issue, string comment, string repository = "\"acme/hosting\"", string action = "\"created\"") =>
        $$$"""{"action":{{{action}}},"issue":{{{issue}}},"comment":{{{comment}}},"repository":{"full_name":{{{repository}}}}}""";

    private static string GoodComment() => $$$"""{"id":{{{Next()}}},"body":"/webmail-check alice@example.com","user":{"login":"octocat"}}""";

    private static IEnumerable<Case> BuildCases()
    {
        int[] bad = [400], refusedSignature = [401], ok = [200], queued = [202];

        // HTTP API: addresses that must never reach cPanel.
        string[] addresses =
        [
            "", " ", "alice", "alice@", "@example.com", "alice@@example.com", "alice@example.com\r\nX-Injected: 1", "alice%0d%0a@example.com",
            "alice@ｅｘａｍｐｌｅ.com", "alice\u202e@example.com", "alice\u200b@example.com", "alice@ex\u034fample.com", "ａlice@example.com",
            "alice@example.com/../../json-api/", "alice@example.com?x=1", "alice@example.com#x", "alice@example.com:2087", "alice@[127.0.0.1]",
            "alice@127.0.0.1", "alice@localhost", "alice@exam ple.com", "alice@example.com\0", "<script>@example.com", "alice@example.com;id",
            "'\" OR 1=1 --@example.com", "alice@xn--.com", "alice@-example.com", new string('a', 300) + "@example.com", new string('a', 65) + "@example.com",
            "alice@\u0435xample.com", "alice@e\u0301xample.com", "alice@example.com\u2028", "alice@example.com\ufeff", "alice@%65xample.com",
            "alice\\@example.com", "alice@example.com,bob@example.com", "alice@example.com bob@example.com", "(alice)@example.com", "alice@example..com",
            "alice@.example.com", "alice.@example.com", ".alice@example.com", "al..ice@example.com", "alice@\u212a.example.com", "alice@example.\uff43om",
            "alice\u2066@example.com", "alice@exa\u00admple.com", "*@example.com", "alice@*.example.com",
        ];
        foreach (var (address, i) in addresses.Select((a, i) => (a, i)))
        {
            yield return new Case($"api-address-{i:00}", Webmail(Json(address)), bad);
        }

        string[] badFields =
        [
            """{"email":"alice@example.com","locale":"de\r\n"}""", """{"email":"alice@example.com","locale":"../../etc/passwd"}""",
            """{"email":"alice@example.com","locale":"EN"}""", """{"email":"alice@example.com","locale":"zz"}""",
            """{"email":"alice@example.com","remoteAddress":"1.2.3.4\r\n"}""", """{"email":"alice@example.com","remoteAddress":"fe80::1%eth0"}""",
            """{"email":"alice@example.com","remoteAddress":"999.1.1.1"}""", """{"email":"alice@example.com","remoteAddress":"localhost"}""",
            "null", "[]", "\"alice@example.com\"", "{", """{"email":1}""", """{"email":["alice@example.com"]}""", """{"email":{}}""",
            """{"email":"alice@example.com","email":"bob@example.com"}""", """{"Email":"mallory@example.net","email":"alice@example.com"}""",
            new string('[', 2000) + new string(']', 2000), """{"email":"alice@example.com"}x""", """/*x*/{"email":"alice@example.com"}""",
            """{"email":NaN}""", """{"email":null}""", "{}", "",
        ];
        foreach (var (body, i) in badFields.Select((b, i) => (b, i)))
        {
            yield return new Case($"api-body-{i:00}", Webmail(body), bad);
        }

        yield return new Case("api-too-large", Webmail("{\"email\":\"" + new string('a', 20_000) + "@example.com\"}"), [413]);
        yield return new Case("api-text-plain", Webmail(Json("alice@example.com"), "text/plain"), [415]);
        yield return new Case("api-form", Webmail("email=alice@example.com", "application/x-www-form-urlencoded"), [415]);
        yield return new Case("api-xml", Webmail("<email>alice@example.com</email>", "application/xml"), [415]);
        yield return new Case("api-no-key", Webmail(Json("alice@example.com"), headers: []), [401]);
        yield return new Case("api-wrong-key", Webmail(Json("alice@example.com"), headers: new() { ["X-Api-Key"] = "guess" }), [401]);
        yield return new Case("api-key-crlf", Webmail(Json("alice@example.com"), headers: new() { ["X-Api-Key"] = FunctionsHost.PortalKey + "\r\n" }), [401]);
        yield return new Case("api-key-huge", Webmail(Json("alice@example.com"), headers: new() { ["X-Api-Key"] = new string('k', 600) }), [401]);
        yield return new Case("api-key-case", Webmail(Json("alice@example.com"), headers: new() { ["X-Api-Key"] = FunctionsHost.PortalKey.ToUpperInvariant() }), [401]);
        yield return new Case("api-principal-garbage", Webmail(Json("alice@example.com"), headers: new() { ["X-MS-CLIENT-PRINCIPAL"] = "%%%not-base64" }), [401]);
        yield return new Case("api-principal-not-json", Webmail(Json("alice@example.com"), headers: new() { ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String("hello"u8) }), [401]);
        yield return new Case("api-principal-duplicate-claims-key", Webmail(Json("alice@example.com"), headers: new()
        {
            ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"claims":[{"typ":"oid","val":"x"}],"claims":[]}""")),
        }), [401]);
        yield return new Case("api-principal-no-oid", Webmail(Json("alice@example.com"), headers: new()
        {
            ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"claims":[{"typ":"groups","val":"helpdesk-group"}]}""")),
        }), [401]);
        yield return new Case("api-principal-ungranted", Webmail(Json("alice@example.com"), headers: new() { ["X-MS-CLIENT-PRINCIPAL"] = FunctionsHost.ClientPrincipal("someone-else", "other-group") }), [403]);
        yield return new Case("api-stranger-key", Webmail(Json("alice@example.com"), headers: new() { ["X-Api-Key"] = "stranger-key" }), [403]);
        yield return new Case("api-outside-policy", Webmail(Json("mallory@example.org")), [403]);
        yield return new Case("api-not-managed", Webmail(Json("alice@example.net")), [404]);
        yield return new Case("api-correlation-crlf", Webmail(Json("alice@example.com"), headers: new()
        {
            ["X-Api-Key"] = FunctionsHost.PortalKey,
            ["X-Correlation-Id"] = "abc\r\nSet-Cookie: x=1",
        }), [201], MayReachCpanel: true, LinkInResponse: true);
        yield return new Case("api-correlation-bidi", Webmail(Json("alice@example.com"), headers: new()
        {
            ["X-Api-Key"] = FunctionsHost.PortalKey,
            ["X-Correlation-Id"] = "abc\u202edef",
        }), [201], MayReachCpanel: true, LinkInResponse: true);
        yield return new Case("api-upper-case-address", Webmail(Json("ALICE@EXAMPLE.COM")), [201], MayReachCpanel: true, LinkInResponse: true);

        string[] users = ["", "Demo", "demo;ls", "../demo", "demo\n", new string('a', 17), "1demo", "demo ", "dem\u200bo", "ｄemo", "demo@example.com"];
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            yield return new Case($"api-cpanel-user-{i:00}", Cpanel(System.Text.Json.JsonSerializer.Serialize(new { user })), bad);
        }

        yield return new Case("api-cpanel-ungranted-user", Cpanel("""{"user":"root"}"""), [403]);
        yield return new Case("api-cpanel-duplicate-user", Cpanel("""{"user":"demo","user":"root"}"""), bad);
        yield return new Case("api-launch-no-email", Launch(""), bad);
        yield return new Case("api-launch-header-injection", Launch("email=alice%40example.com%0d%0aLocation%3a%20https%3a%2f%2fevil.test"), bad);
        yield return new Case("api-launch-two-emails", Launch("email=alice%40example.com&email=bob%40example.com"), bad);
        yield return new Case("api-launch-full-width", Launch("email=alice%40%EF%BD%85xample.com"), bad);
        yield return new Case("api-launch-api-key-only", Launch("email=alice%40example.com", new() { ["X-Api-Key"] = FunctionsHost.PortalKey }), [401]);
        yield return new Case("api-launch-forged-principal", Launch("email=alice%40example.com", new() { ["X-MS-CLIENT-PRINCIPAL"] = "e30=" }), [401]);

        // Slack: signed requests with hostile text; the help text or a refusal, never cPanel.
        string[] slackHelp =
        [
            "", "help", "alice", "check", "<https://evil.test|alice@example.com>", "<mailto:alice@example.com|bob@example.com>", "<@U0SUPPORT>",
            "<!channel>", "alice@example.com de extra", "alice@example.com EN", "delete alice@example.com", "check alice@example.com extra",
            "<mailto:alice@example.com|alice@example.com", "check <mailto:alice@example.com|mallory@example.com>", "alice@example.com ../../x",
        ];
        foreach (var (text, i) in slackHelp.Select((t, i) => (t, i)))
        {
            yield return new Case($"slack-help-{i:00}", Slack(SlackText(text)), ok);
        }

        string[] slackRefused =
        [
            "alice@ｅｘａｍｐｌｅ.com", "alice\u202e@example.com", "check alice@exam\u200bple.com", "**x**@example.com", "`x`@example.com",
            "[a](https://evil.test)@example.com", "check alice@example.com/../x", "alice@example.net", "mallory@example.org",
        ];
        foreach (var (text, i) in slackRefused.Select((t, i) => (t, i)))
        {
            yield return new Case($"slack-refused-{i:00}", Slack(SlackText(text)), ok);
        }

        yield return new Case("slack-stranger", Slack(SlackText("alice@example.com", "U0STRANGER")), ok);
        yield return new Case("slack-user-case-variant", Slack(SlackText("alice@example.com", "u0support")), ok);
        yield return new Case("slack-user-crlf", Slack(SlackText("alice@example.com", "U0SUPPORT%0d%0aX")), ok);
        yield return new Case("slack-no-user", Slack("text=alice%40example.com&trigger_id=" + Next()), ok);
        yield return new Case("slack-mailto-wrapped", Slack(SlackText("<mailto:alice@example.com|alice@example.com>")), ok, MayReachCpanel: true, LinkInResponse: true);
        yield return new Case("slack-duplicate-user", Slack(SlackText("alice@example.com") + "&user_id=U0OTHER"), bad);
        yield return new Case("slack-duplicate-text", Slack(SlackText("help") + "&text=alice%40example.com"), bad);
        yield return new Case("slack-no-signature", Slack(SlackText("alice@example.com"), _ => []), refusedSignature);
        yield return new Case("slack-zero-signature", Slack(SlackText("alice@example.com"), b => SlackCommandTests.SlackHeaders(b, signature: "v0=" + new string('0', 64))), refusedSignature);
        yield return new Case("slack-v1-signature", Slack(SlackText("alice@example.com"), b => SlackCommandTests.SlackHeaders(b, signature: "v1=" + new string('0', 64))), refusedSignature);
        yield return new Case("slack-short-signature", Slack(SlackText("alice@example.com"), b => SlackCommandTests.SlackHeaders(b, signature: "v0=abc")), refusedSignature);
        yield return new Case("slack-stale", Slack(SlackText("alice@example.com"), b => SlackCommandTests.SlackHeaders(b, DateTimeOffset.UtcNow.AddMinutes(-6))), refusedSignature);
        yield return new Case("slack-future", Slack(SlackText("alice@example.com"), b => SlackCommandTests.SlackHeaders(b, DateTimeOffset.UtcNow.AddMinutes(6))), refusedSignature);
        yield return new Case("slack-timestamp-text", Slack(SlackText("alice@example.com"), b => new() { ["X-Slack-Request-Timestamp"] = "now", ["X-Slack-Signature"] = "v0=" + new string('a', 64) }), refusedSignature);
        yield return new Case("slack-timestamp-huge", Slack(SlackText("alice@example.com"), b => new() { ["X-Slack-Request-Timestamp"] = "99999999999999999999", ["X-Slack-Signature"] = "v0=" + new string('a', 64) }), refusedSignature);
        yield return new Case("slack-timestamp-negative", Slack(SlackText("alice@example.com"), b => new() { ["X-Slack-Request-Timestamp"] = "-1", ["X-Slack-Signature"] = "v0=" + new string('a', 64) }), refusedSignature);
        yield return new Case("slack-signed-other-body", Slack(SlackText("alice@example.com"), _ => SlackCommandTests.SlackHeaders("text=help")), refusedSignature);
        yield return new Case("slack-too-large", Slack(SlackText(new string('x', 70_000))), refusedSignature);
        yield return new Case("slack-replay", async host =>
        {
            var body = SlackText("help");
            var headers = SlackCommandTests.SlackHeaders(body);
            await SlackCommandTests.SlackRawAsync(host, body, headers);
            return await SlackCommandTests.SlackRawAsync(host, body, headers);
        }, refusedSignature);
        yield return new Case("slack-response-url-evil", Slack(SlackCommandTests.SlackBody("help", responseUrl: "http://169.254.169.254/latest/meta-data") + "&trigger_id=" + Next()), ok);

        // Teams.
        yield return new Case("teams-no-auth", Teams(TeamsText("check alice@example.com"), ""), refusedSignature);
        yield return new Case("teams-garbage-auth", Teams(TeamsText("check alice@example.com"), "HMAC %%%"), refusedSignature);
        yield return new Case("teams-bearer", Teams(TeamsText("check alice@example.com"), "Bearer x"), refusedSignature);
        yield return new Case("teams-other-body-hmac", Teams(TeamsText("check alice@example.com"), TeamsWebhookTests.TeamsHeader("{}")), refusedSignature);
        var (staleId, futureId) = ("t-" + Next(), "t-" + Next());
        yield return new Case("teams-stale", Teams(() => TeamsWebhookTests.TeamsBody("check alice@example.com", id: staleId, at: DateTimeOffset.UtcNow.AddHours(-1))), refusedSignature);
        yield return new Case("teams-future", Teams(() => TeamsWebhookTests.TeamsBody("check alice@example.com", id: futureId, at: DateTimeOffset.UtcNow.AddHours(1))), refusedSignature);
        yield return new Case("teams-replay", async host =>
        {
            var body = TeamsText("help")();
            await TeamsWebhookTests.TeamsRawAsync(host, body, TeamsWebhookTests.TeamsHeader(body));
            return await TeamsWebhookTests.TeamsRawAsync(host, body, TeamsWebhookTests.TeamsHeader(body));
        }, refusedSignature);
        var (textId, fromId) = ("x-" + Next(), "x-" + Next());
        Func<string>[] teamsMalformed =
        [
            () => "null", () => "[]", () => "\"x\"", () => "{}", () => "{", () => """{"id":5,"timestamp":"2026-01-01T00:00:00Z"}""",
            () => """{"id":"a","timestamp":"yesterday"}""",
            () => """{"id":"a","id":"b","timestamp":"2026-01-01T00:00:00Z"}""", () => """{"id":"","timestamp":"2026-01-01T00:00:00Z"}""",
            () => $$"""{"id":"{{textId}}","timestamp":"{{DateTimeOffset.UtcNow:O}}","text":5}""",
            () => $$$"""{"id":"{{{fromId}}}","timestamp":"{{{DateTimeOffset.UtcNow:O}}}","text":"check alice@example.com","from":{"id":7}}""",
            () => $$"""{"id":"{{new string('i', 300)}}","timestamp":"{{DateTimeOffset.UtcNow:O}}"}""",
        ];
        foreach (var (body, i) in teamsMalformed.Select((b, i) => (b, i)))
        {
            yield return new Case($"teams-malformed-{i:00}", Teams(body), bad);
        }

        string[] teamsText =
        [
            "alice@example.com", "check alice@ｅｘａｍｐｌｅ.com", "&lt;script&gt;alert(1)&lt;/script&gt;", "", "check [x](https://evil.test)@example.com",
            "check alice\u202e@example.com", "help me",
        ];
        foreach (var (text, i) in teamsText.Select((t, i) => (t, i)))
        {
            yield return new Case($"teams-text-{i:00}", Teams(TeamsText(text)), ok);
        }

        yield return new Case("teams-stranger", Teams(TeamsText("check alice@example.com", "29:STRANGER")), ok);

        // GitHub.
        yield return new Case("github-no-signature", GitHub(Comment("/webmail-check alice@example.com"), signature: ""), refusedSignature);
        yield return new Case("github-sha1-signature", GitHub(Comment("/webmail-check alice@example.com"), signature: "sha1=" + new string('0', 40)), refusedSignature);
        yield return new Case("github-wrong-signature", GitHub(Comment("/webmail-check alice@example.com"), signature: "sha256=" + new string('f', 64)), refusedSignature);
        yield return new Case("github-replay-new-delivery", async host =>
        {
            var body = Comment("/webmail-check nobody@example.org");
            await GitHubWebhookTests.GitHubRawAsync(host, body, "delivery-a-" + Next());
            return await GitHubWebhookTests.GitHubRawAsync(host, body, "delivery-b-" + Next());
        }, refusedSignature);
        string[] githubMalformed =
        [
            "null", "[]", "5", "\"x\"", "{}", "{\"action\":", CommentWith("{\"number\":\"5\"}", GoodComment()), CommentWith("{\"number\":1.5}", GoodComment()),
            CommentWith("{\"number\":99999999999}", GoodComment()), CommentWith("{\"number\":-1}", GoodComment()), CommentWith("{\"number\":0}", GoodComment()),
            CommentWith("{\"number\":5}", """{"id":"1","body":"/webmail-check alice@example.com","user":{"login":"octocat"}}"""),
            CommentWith("{\"number\":5}", """{"id":-3,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}}"""),
            CommentWith("{\"number\":5}", """{"id":1,"body":7,"user":{"login":"octocat"}}"""),
            CommentWith("{\"number\":5}", """{"id":1,"body":"/webmail-check alice@example.com","user":null}"""),
            CommentWith("{\"number\":5}", """{"id":1,"body":"/webmail-check alice@example.com","user":{"login":""}}"""),
            CommentWith("{\"number\":5}", GoodComment(), "\"acme\""), CommentWith("{\"number\":5}", GoodComment(), "\"a/b/c\""),
            CommentWith("{\"number\":5}", GoodComment(), "\"../x\""), CommentWith("{\"number\":5}", GoodComment(), "[\"acme/hosting\"]"),
            CommentWith("{\"number\":5}", GoodComment(), action: "7"), CommentWith("[]", GoodComment()),
            """{"action":"created","action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat"}},"repository":{"full_name":"acme/hosting"}}""",
            """{"action":"created","issue":{"number":5},"comment":{"id":1,"body":"/webmail-check alice@example.com","user":{"login":"octocat","login":"admin"}},"repository":{"full_name":"acme/hosting"}}""",
            new string('[', 5000) + new string(']', 5000),
        ];
        foreach (var (body, i) in githubMalformed.Select((b, i) => (b, i)))
        {
            yield return new Case($"github-malformed-{i:00}", GitHub(body), bad);
        }

        yield return new Case("github-form-two-fields", GitHub("payload=%7B%7D&other=1", contentType: "application/x-www-form-urlencoded"), bad);
        yield return new Case("github-form-no-payload", GitHub("data=%7B%7D", contentType: "application/x-www-form-urlencoded"), bad);
        yield return new Case("github-form-not-json", GitHub("payload=hello", contentType: "application/x-www-form-urlencoded"), bad);
        yield return new Case("github-text-plain", GitHub(Comment("/webmail-check alice@example.com"), contentType: "text/plain"), [415]);
        yield return new Case("github-event-push", GitHub(Comment("/webmail-check alice@example.com"), "push"), [202]);
        yield return new Case("github-event-ping", GitHub("""{"zen":"Keep it logically awesome."}""", "ping"), [202]);
        yield return new Case("github-edited", GitHub(Comment("/webmail-check alice@example.com", action: "edited")), [202]);
        yield return new Case("github-deleted", GitHub(Comment("/webmail-check alice@example.com", action: "deleted")), [202]);
        yield return new Case("github-not-a-command", GitHub(Comment("please /webmail-check alice@example.com")), [202]);
        yield return new Case("github-null-body", GitHub(CommentWith("{\"number\":5}", $$$"""{"id":{{{Next()}}},"body":null,"user":{"login":"octocat"}}""")), [202]);
        string[] githubReplies =
        [
            "/webmail-check [Verify](https://evil.test)@example.com", "/webmail-check **x**@example.com", "/webmail-check `x`@[y](https://evil.test)",
            "/webmail-check <img src=x onerror=alert(1)>@x.com", "/webmail-check @admin@example.com", "/webmail-check alice@ｅｘａｍｐｌｅ.com",
            "/webmail-check alice\u202e@example.com", "/webmail-check", "/webmail-check a@b.c extra", "/webmail-check alice@example.net\r\n/webmail-check bob@example.com",
            "/webmail-check mallory@example.org",
        ];
        foreach (var (text, i) in githubReplies.Select((t, i) => (t, i)))
        {
            yield return new Case($"github-reply-{i:00}", GitHub(Comment(text)), queued);
        }

        yield return new Case("github-stranger", GitHub(Comment("/webmail-check alice@example.com", login: "mallory")), queued);
        yield return new Case("github-login-case-variant", GitHub(Comment("/webmail-check alice@example.com", login: "OctoCat")), queued, MayReachCpanel: true);
    }
}
