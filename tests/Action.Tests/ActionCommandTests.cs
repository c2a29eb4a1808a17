using CpanelSessionOps.Action.Tests.Support;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Action.Tests;

/// <summary>The program as a GitHub Action: inputs in, outputs, summary, annotations, masks and exit codes out.</summary>
public sealed class ActionCommandTests : IAsyncLifetime
{
    private CpanelEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CpanelEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Action_HealthyMailboxes_PassesWithOutputsAndSummary()
    {
        using var run = new ActionRun(_emulator);

        var exit = await run.RunAsync();

        Assert.Equal(0, exit);
        var outputs = run.Outputs();
        Assert.Equal(("2", "0"), (outputs["passed"], outputs["failed"]));
        Assert.False(outputs.ContainsKey("login-url"));
        Assert.Equal(["alice@example.com", "dave@example.org"], run.Results.EnumerateArray().Select(r => r.GetProperty("mailbox").GetString()));
        Assert.All(run.Results.EnumerateArray(), r => Assert.True(r.GetProperty("ok").GetBoolean()));
        Assert.Contains("| alice@example.com | ✅ passed |", run.Summary, StringComparison.Ordinal);
        Assert.Equal(2, _emulator.Sessions.Count(s => s.Used));
    }

    [Fact]
    public async Task Action_Always_MasksTheTokenAndEveryLinkBeforePrintingAnythingElse()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "alice@example.com" });

        await run.RunAsync();

        var lines = run.Output.Split('\n');
        Assert.Equal("::add-mask::" + DefaultSeed.RootToken, lines[0].TrimEnd('\r'));
        var masks = lines.Where(l => l.StartsWith("::add-mask::", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, masks.Count);
        var link = masks.Select(m => m["::add-mask::".Length..].TrimEnd('\r').Replace("%25", "%", StringComparison.Ordinal))
            .Single(m => m.StartsWith("https://", StringComparison.Ordinal));
        Assert.Contains("%40", link, StringComparison.Ordinal);
        Assert.DoesNotContain(lines.Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)), l => l.Contains(link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_SuspendedMailbox_FailsWithAnAnnotationAndExitOne()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "alice@example.com, bob@example.com" });

        var exit = await run.RunAsync();

        Assert.Equal(1, exit);
        Assert.Equal(("1", "1"), (run.Outputs()["passed"], run.Outputs()["failed"]));
        var annotation = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("::error ", StringComparison.Ordinal));
        Assert.StartsWith("::error title=Webmail check failed%3A bob@example.com::api%3A", annotation.Replace("::api: ", "::api%3A", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("| bob@example.com | ❌ api |", run.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_FailOnErrorFalse_ReportsButExitsZero()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "bob@example.com", ["INPUT_FAIL-ON-ERROR"] = "false" });

        Assert.Equal(0, await run.RunAsync());
        Assert.Equal("1", run.Outputs()["failed"]);
    }

    [Fact]
    public async Task Action_WrongToken_FailsEveryMailboxAsAuthentication()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_API-TOKEN"] = "WRONGTOKEN000000000000000000000" });

        Assert.Equal(1, await run.RunAsync());
        Assert.All(run.Results.EnumerateArray(), r => Assert.Equal("authentication", r.GetProperty("errorClass").GetString()));
        Assert.DoesNotContain("WRONGTOKEN000000000000000000000", run.Output.Replace("::add-mask::WRONGTOKEN000000000000000000000", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_ServerFailing_ReportsTransportFailures()
    {
        _emulator.Faults.Add(new FaultRule { Kind = FaultKind.Http503 });
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "alice@example.com" });

        Assert.Equal(1, await run.RunAsync());
        Assert.Equal("transport", run.Results[0].GetProperty("errorClass").GetString());
    }

    [Fact]
    public async Task Action_ExposeLinkForOneMailbox_SetsTheMaskedLoginUrlOutput()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string>
        {
            ["INPUT_MAILBOXES"] = "alice@example.com",
            ["INPUT_EXPOSE-LINK"] = "true",
            ["INPUT_VERIFY-LOGIN"] = "false",
        });

        Assert.Equal(0, await run.RunAsync());
        var link = run.Outputs()["login-url"];
        Assert.StartsWith($"https://127.0.0.1:{_emulator.WebmailUri.Port}/cpsess", link, StringComparison.Ordinal);
        Assert.Contains("::add-mask::" + WorkflowCommands.EscapeData(link), run.Output, StringComparison.Ordinal);
        Assert.False(Assert.Single(_emulator.Sessions).Used);
    }

    [Theory]
    [InlineData("INPUT_MAILBOXES", "", "input mailboxes is required")]
    [InlineData("INPUT_CONCURRENCY", "lots", "input concurrency must be a whole number from 1 to 64")]
    [InlineData("INPUT_REPORT", "summary, slack", "input report “slack” is not one of")]
    [InlineData("INPUT_EXPOSE-LINK", "true", "input expose-link needs exactly one mailbox")]
    [InlineData("INPUT_API-TOKEN", "", "input api-token (a secret")]
    [InlineData("INPUT_SERVER", "not a host", "input server “not a host” is not a host name")]
    [InlineData("INPUT_VERIFY-LOGIN", "yes", "input verify-login must be true or false")]
    [InlineData("INPUT_AUTH", "password", "input auth must be whm-token or cpanel-token")]
    [InlineData("INPUT_TIMEOUT", "600", "input timeout must be a whole number from 1 to 300, not “600”")]
    [InlineData("INPUT_TIMEOUT", "0", "input timeout must be a whole number from 1 to 300")]
    [InlineData("INPUT_TIMEOUT", "-1", "input timeout must be a whole number from 1 to 300")]
    [InlineData("INPUT_CONCURRENCY", "0", "input concurrency must be a whole number from 1 to 64, not “0”")]
    [InlineData("INPUT_CONCURRENCY", "-3", "input concurrency must be a whole number from 1 to 64")]
    [InlineData("INPUT_WHM-PORT", "70000", "input whm-port must be a whole number from 1 to 65535")]
    [InlineData("INPUT_MAILBOXES-FILE", "/nonexistent/list.txt", "input mailboxes-file “/nonexistent/list.txt” cannot be read")]
    [InlineData("INPUT_CA-BUNDLE", "/nonexistent/ca.pem", "input ca-bundle “/nonexistent/ca.pem” does not exist")]
    public async Task Action_BadInput_ExitsTwoWithAnErrorNamingTheInput(string input, string value, string expected)
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { [input] = value });

        Assert.Equal(2, await run.RunAsync());
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("::error title=Invalid input::", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task Action_MailboxesFile_ChecksTheListedMailboxesAfterTheInlineOnes()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "alice@example.com" });
        run.Environment["INPUT_MAILBOXES-FILE"] = run.WriteFile("mailboxes.txt", "# checked after every deploy\ndave@example.org\nalice@example.com\n");

        Assert.Equal(0, await run.RunAsync());
        Assert.Equal(["alice@example.com", "dave@example.org"], run.Results.EnumerateArray().Select(r => r.GetProperty("mailbox").GetString()));
    }

    [Fact]
    public async Task Action_WrongTokenOnTwoHundredMailboxes_StopsAfterTheRefusal()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string>
        {
            ["INPUT_API-TOKEN"] = "WRONGTOKEN000000000000000000000",
            ["INPUT_MAILBOXES"] = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"user{i:D3}@example.com")),
            ["INPUT_CONCURRENCY"] = "16",
        });

        Assert.Equal(1, await run.RunAsync());
        Assert.InRange(_emulator.Requests.Total, 1, 32);
        Assert.InRange(run.Results.EnumerateArray().Count(r => r.GetProperty("message").GetString() == "not checked: the credential was refused."), 184, 199);
        Assert.Equal(200, run.Results.GetArrayLength());
        Assert.Single(run.Output.Split('\n'), l => l.StartsWith("::error ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_UntrustedTextWithCommandSyntax_IsEscapedOntoOneLine()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_MAILBOXES"] = "evil%0A::warning::pwned@example.com" });

        await run.RunAsync();

        Assert.DoesNotContain(run.Output.Split('\n'), l => l.StartsWith("::warning::pwned", StringComparison.Ordinal));
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("::error title=Webmail check failed%3A evil%250A%3A%3Awarning%3A%3Apwned@example.com::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_FleetFile_RoutesMailboxesByDomain()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string>
        {
            ["INPUT_SERVER"] = "",
            ["INPUT_USERNAME"] = "",
            ["INPUT_API-TOKEN"] = "",
            ["WHM_TOKEN"] = DefaultSeed.RootToken,
        });
        var web1 = _emulator.ToFleetSettings();
        run.Environment["INPUT_FLEET"] = run.WriteFile("fleet.json", $$$"""
            {"Fleet": {
              "Servers": {"web1": {"Host": "{{{web1.Host}}}", "CpanelPort": {{{web1.CpanelPort}}}, "WhmPort": {{{web1.WhmPort}}},
                                   "WebmailPort": {{{web1.WebmailPort}}}, "PinnedCertificateSha256": ["{{{web1.CertificateSha256}}}"],
                                   "Auth": "{{{web1.Auth}}}", "UserName": "{{{web1.UserName}}}", "Secret": "env:WHM_TOKEN"}},
              "Routes": [{"Domain": "example.com", "Server": "web1"}]}}
            """);
        run.Environment["INPUT_MAILBOXES"] = "alice@example.com,dave@example.org";

        Assert.Equal(1, await run.RunAsync());
        Assert.True(run.Results[0].GetProperty("ok").GetBoolean());
        Assert.Equal("not-managed", run.Results[1].GetProperty("errorClass").GetString());
    }

    [Fact]
    public async Task Action_FleetFileInvalid_ExitsTwoNamingTheEntry()
    {
        using var run = new ActionRun(_emulator, new Dictionary<string, string> { ["INPUT_SERVER"] = "", ["INPUT_USERNAME"] = "", ["INPUT_API-TOKEN"] = "" });
        run.Environment["INPUT_FLEET"] = run.WriteFile("fleet.json", """{"Fleet": {"Servers": {"web1": {"Host": "127.0.0.1", "Auth": "WhmToken", "UserName": "root"}}}}""");

        Assert.Equal(2, await run.RunAsync());
        Assert.Contains("Fleet:Servers:web1:Secret", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WorkflowCommands_Escaping_NeutralisesNewlinesAndPercent()
    {
        Assert.Equal("a%0D%0A::warning::x%25", WorkflowCommands.EscapeData("a\r\n::warning::x%"));
        Assert.Equal("t%3A1%2C2", WorkflowCommands.EscapeProperty("t:1,2"));
        // The runner trims leading white space before looking for "::" and finds "##[" anywhere in a line: break both up.
        Assert.Equal(": :set-env name=x: :y z", WorkflowCommands.Plain("::set-env name=x::y\nz"));
        Assert.Equal("## [error]x  : : :add-mask: :s", WorkflowCommands.Plain("##[error]x\u2028\r:::add-mask::s"));
        Assert.DoesNotContain("::", WorkflowCommands.Plain("::::::"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_TwoHundredMailboxesAtConcurrency16_EveryResultIsCorrect()
    {
        var seed = DefaultSeed.Create();
        var demo = seed.Accounts.Single(a => a.User == DefaultSeed.DemoUser);
        for (var i = 0; i < 200; i++)
        {
            demo.Mailboxes.Add(new SeedMailbox { Login = $"user{i:D3}", Domain = "example.com", Password = "pw", SuspendedLogin = i % 50 == 7 });
        }

        await using var emulator = await CpanelEmulator.StartAsync(new CpanelEmulatorOptions { Seed = seed });
        using var run = new ActionRun(emulator, new Dictionary<string, string>
        {
            ["INPUT_MAILBOXES"] = string.Join('\n', Enumerable.Range(0, 200).Select(i => $"user{i:D3}@example.com")),
            ["INPUT_CONCURRENCY"] = "16",
        });

        Assert.Equal(1, await run.RunAsync());
        var results = run.Results.EnumerateArray().ToList();
        Assert.Equal(200, results.Count);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal($"user{i:D3}@example.com", results[i].GetProperty("mailbox").GetString());
            Assert.Equal(i % 50 != 7, results[i].GetProperty("ok").GetBoolean());
        }

        Assert.Equal(("196", "4"), (run.Outputs()["passed"], run.Outputs()["failed"]));
    }
}
