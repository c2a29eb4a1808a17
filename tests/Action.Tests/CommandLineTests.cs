using System.Text.Json;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Action.Tests;

/// <summary>The same program from a terminal: check, mint and demo.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private CpanelEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CpanelEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private string[] Connection() => _emulator.ToFleetSettings().ToCommandLine();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string>? environment = null, Terminal? terminal = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ActionProgram.RunAsync(args, output, error, environment ?? new Dictionary<string, string> { ["CPANEL_API_TOKEN"] = DefaultSeed.RootToken }, terminal: terminal)
            .WaitAsync(TimeSpan.FromMinutes(2));
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_JsonOutput_PrintsResultsAndExitsZero()
    {
        var (exit, output, _) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com,dave@example.org", "--output", "json"]);

        Assert.Equal(0, exit);
        var results = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, results.GetArrayLength());
        Assert.All(results.EnumerateArray(), r => Assert.True(r.GetProperty("ok").GetBoolean()));
        Assert.DoesNotContain("cpsess", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AFailingMailbox_ExitsOne()
    {
        var (exit, output, _) = await RunAsync(["check", .. Connection(), "--mailboxes", "bob@example.com"]);

        Assert.Equal(1, exit);
        Assert.Contains("✗ bob@example.com: api:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TokenVariableMissing_ExitsTwoSayingWhichOption()
    {
        var (exit, _, error) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com"], []);

        Assert.Equal(2, exit);
        Assert.Contains("--api-token-env NAME", error, StringComparison.Ordinal);
        Assert.Contains("CPANEL_API_TOKEN is not set", error, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task Mint_OneMailbox_PrintsOnlyTheLinkOnStandardOutput()
    {
        var (exit, output, error) = await RunAsync(["mint", .. Connection(), "--mailbox", "alice@example.com"]);

        Assert.Equal(0, exit);
        Assert.StartsWith($"https://127.0.0.1:{_emulator.WebmailUri.Port}/cpsess", output.Trim(), StringComparison.Ordinal);
        Assert.Contains("a secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("frobnicate")]
    public async Task BadUsage_ExitsTwo(string command)
    {
        var (exit, _, _) = await RunAsync([command]);

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Demo_OnAFreshMachine_MintsVerifiesAndPrintsALink()
    {
        var (exit, output, _) = await RunAsync(["demo"], []);

        Assert.Equal(0, exit);
        Assert.Contains("✓ alice@example.com", output, StringComparison.Ordinal);
        Assert.Contains("2 of 3 mailboxes opened.", output, StringComparison.Ordinal);
        Assert.Contains("/cpsess", output, StringComparison.Ordinal);
    }

    private static bool StartsAWorkflowCommand(string line) =>
        line.TrimStart().StartsWith("::", StringComparison.Ordinal) || line.Contains("##[", StringComparison.Ordinal);

    private string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "cli-test-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        _files.Add(path);
        return path;
    }

    private readonly List<string> _files = [];

    [Fact]
    public async Task Check_JsonOutputWithAFailingMailbox_StandardOutputIsOnlyTheJsonDocument()
    {
        var (exit, output, error) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com,bob@example.com", "--output", "json"]);

        Assert.Equal(1, exit);
        var results = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["alice@example.com", "bob@example.com"], results.EnumerateArray().Select(r => r.GetProperty("mailbox").GetString()));
        Assert.Contains("✗ bob@example.com: api:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeout", "301", "--timeout must be a whole number of seconds from 1 to 300, not 301.")]
    [InlineData("--timeout", "-1", "--timeout must be a whole number of seconds from 1 to 300, not -1.")]
    [InlineData("--timeout", "0", "--timeout must be a whole number of seconds from 1 to 300, not 0.")]
    [InlineData("--timeout", "soon", "--timeout must be a whole number from")]
    [InlineData("--concurrency", "0", "--concurrency must be a whole number from 1 to 64, not 0.")]
    [InlineData("--concurrency", "-3", "--concurrency must be a whole number from 1 to 64, not -3.")]
    [InlineData("--whm-port", "70000", "--whm-port 70000 is not a port")]
    [InlineData("--webmail-port", "0", "--webmail-port 0 is not a port")]
    public async Task Check_NumberOutOfRange_ExitsTwoNamingTheOptionAndRange(string option, string value, string expected)
    {
        var connection = Connection().ToList();
        if (connection.IndexOf(option) is var given and >= 0)
        {
            connection.RemoveRange(given, 2);
        }

        var (exit, output, error) = await RunAsync(["check", .. connection, "--mailboxes", "alice@example.com", option, value]);

        Assert.Equal(2, exit);
        Assert.Contains("error: " + expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("mint")]
    public async Task FleetFileNotJson_ExitsTwoNamingTheFileLineAndPosition(string command)
    {
        var fleet = TempFile("{\"Fleet\": {\n  \"Servers\": {\"web1\": {\"Host\": \"127.0.0.1\" \"Auth\": \"WhmToken\"}}}}");
        string[] target = command == "check" ? ["--mailboxes", "alice@example.com"] : ["--mailbox", "alice@example.com"];

        var (exit, _, error) = await RunAsync([command, "--fleet", fleet, .. target]);

        Assert.Equal(2, exit);
        Assert.Contains($"--fleet “{fleet}” is not valid JSON at line 2, position 44:", error, StringComparison.Ordinal);
        Assert.Contains("Fix the file there", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mint_FleetFileInvalid_ExitsTwoNamingTheFileAndEntry()
    {
        var fleet = TempFile("""{"Fleet": {"Servers": {"web1": {"Host": "127.0.0.1", "Auth": "WhmToken", "UserName": "root"}}}}""");

        var (exit, _, error) = await RunAsync(["mint", "--fleet", fleet, "--mailbox", "alice@example.com"]);

        Assert.Equal(2, exit);
        Assert.Contains($"--fleet “{fleet}”: Fleet:Servers:web1:Secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "--mailboxes")]
    [InlineData("mint", "--mailbox")]
    public async Task MailboxNotAnAddress_ExitsTwoForCheckAndMintAlike(string command, string option)
    {
        var (exit, output, error) = await RunAsync([command, .. Connection(), option, "not-an-address"]);

        Assert.Equal(2, exit);
        Assert.Contains("validation", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TokenVariableEmpty_ExitsTwoNamingTheVariable()
    {
        var (exit, _, error) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com", "--api-token-env", "MY_TOKEN"],
            new Dictionary<string, string> { ["MY_TOKEN"] = " " });

        Assert.Equal(2, exit);
        Assert.Contains("MY_TOKEN is empty", error, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task Check_WrongTokenOnTwoHundredMailboxes_StopsAfterTheRefusalAndSaysSoOnce()
    {
        var mailboxes = string.Join(',', Enumerable.Range(0, 200).Select(i => $"user{i:D3}@example.com"));

        var (exit, output, error) = await RunAsync(["check", .. Connection(), "--mailboxes", mailboxes, "--concurrency", "8", "--output", "json"],
            new Dictionary<string, string> { ["CPANEL_API_TOKEN"] = "WRONGTOKEN000000000000000000000" });

        Assert.Equal(1, exit);
        var results = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(200, results.Count);
        Assert.All(results, r => Assert.Equal("authentication", r.GetProperty("errorClass").GetString()));
        // Only the eight checks already under way reach the server (a call or two each); every later mailbox is skipped.
        Assert.InRange(_emulator.Requests.Total, 1, 16);
        Assert.InRange(results.Count(r => r.GetProperty("message").GetString() == "not checked: the credential was refused."), 192, 199);
        var lines = error.Split('\n');
        Assert.Single(lines, l => l.Contains("refused the", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("more mailboxes not checked: the credential was refused.", StringComparison.Ordinal));
        Assert.Contains("cPanel server '127.0.0.1'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("WRONGTOKEN", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Progress_SaysWhatAndWhereFirstAndListsResultsInInputOrder()
    {
        var (exit, output, _) = await RunAsync(
            ["check", .. Connection(), "--mailboxes", "dave@example.org,bob@example.com,alice@example.com", "--concurrency", "3", "--fail-on-error", "false"]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Checking 3 mailboxes on 127.0.0.1 (WHM port {_emulator.WhmUri.Port} as root", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("✓ dave@example.org", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("✗ bob@example.com", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("✓ alice@example.com", lines[3], StringComparison.Ordinal);
        Assert.Equal("2 of 3 mailboxes opened.", lines[4].TrimEnd('\r'));
    }

    [Fact]
    public async Task Check_OneAtATime_PrintsEachResultBeforeTheNextMailboxIsChecked()
    {
        // Issue #21: results stream; nothing waits for the last mailbox. One at a time, alice's line must be out before dave is minted.
        bool? daveMintedWhenAlicePrinted = null;
        using var output = new NotifyingWriter("✓ alice@example.com", () => daveMintedWhenAlicePrinted = _emulator.Sessions.Any(s => s.User == DefaultSeed.DaveAddress));

        var exit = await ActionProgram.RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com,dave@example.org", "--concurrency", "1"], output, TextWriter.Null,
            new Dictionary<string, string> { ["CPANEL_API_TOKEN"] = DefaultSeed.RootToken }).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, exit);
        Assert.False(daveMintedWhenAlicePrinted);
        Assert.Contains(_emulator.Sessions, s => s.User == DefaultSeed.DaveAddress);
    }

    [Fact]
    public async Task Check_OnATerminal_ShowsALiveCount()
    {
        var (_, output, _) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com,dave@example.org"],
            terminal: new Terminal(true, _ => Task.CompletedTask));

        Assert.Contains("\r  2 of 2 checked, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MailboxesFile_ChecksEachLineSkippingCommentsAndBlanks()
    {
        var file = TempFile("# after the deploy\nalice@example.com\n\n  dave@example.org  \n# bob@example.com\n");

        var (exit, output, _) = await RunAsync(["check", .. Connection(), "--mailboxes-file", file, "--output", "json"]);

        Assert.Equal(0, exit);
        Assert.Equal(["alice@example.com", "dave@example.org"], JsonDocument.Parse(output).RootElement.EnumerateArray().Select(r => r.GetProperty("mailbox").GetString()));
    }

    [Fact]
    public async Task Check_MailboxesFileMissing_ExitsTwoNamingIt()
    {
        var (exit, _, error) = await RunAsync(["check", .. Connection(), "--mailboxes-file", "/nonexistent/list.txt"]);

        Assert.Equal(2, exit);
        Assert.Contains("--mailboxes-file “/nonexistent/list.txt” cannot be read (it does not exist)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CertificateMatchingNoPin_ShowsThePresentedFingerprintAndHowToTrustIt()
    {
        var wrongPin = new string('A', 64);
        string[] args = ["check", .. Connection().Select(a => a == _emulator.CertificateSha256 ? wrongPin : a), "--mailboxes", "alice@example.com"];

        var (exit, output, _) = await RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains($"matches no --certificate-sha256 given: it has SHA-256 {_emulator.CertificateSha256}", output, StringComparison.Ordinal);
        Assert.Contains($"trust it with --certificate-sha256 {_emulator.CertificateSha256} (or --ca-bundle", output, StringComparison.Ordinal);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task Check_CaBundleInsteadOfAPin_TrustsTheServerItIssued()
    {
        var bundle = TempFile(_emulator.CertificatePem);
        string[] args = ["check", .. Connection().Where(a => a != "--certificate-sha256" && a != _emulator.CertificateSha256), "--mailboxes", "alice@example.com", "--ca-bundle", bundle];

        var (exit, output, _) = await RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("1 of 1 mailboxes opened.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CaBundleMissing_ExitsTwoNamingTheOption()
    {
        var (exit, _, error) = await RunAsync(["check", .. Connection(), "--mailboxes", "alice@example.com", "--ca-bundle", "/nonexistent/ca.pem"]);

        Assert.Equal(2, exit);
        Assert.Contains("--ca-bundle “/nonexistent/ca.pem” does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mint_InsideGitHubActions_MasksTheLinkOnStandardErrorBeforePrintingIt()
    {
        var (exit, output, error) = await RunAsync(["mint", .. Connection(), "--mailbox", "alice@example.com"],
            new Dictionary<string, string> { ["CPANEL_API_TOKEN"] = DefaultSeed.RootToken, ["GITHUB_ACTIONS"] = "true" });

        Assert.Equal(0, exit);
        var link = output.Trim();
        Assert.StartsWith("https://", link, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", link, StringComparison.Ordinal);
        var lines = error.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var mask = lines.IndexOf("::add-mask::" + WorkflowCommands.EscapeData(link));
        Assert.True(mask >= 0, "the link was not masked");
        Assert.True(mask < lines.FindIndex(l => l.StartsWith("Login link for", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Mint_OutsideGitHubActions_PrintsNoWorkflowCommands()
    {
        var (_, output, error) = await RunAsync(["mint", .. Connection(), "--mailbox", "alice@example.com"]);

        Assert.DoesNotContain("::add-mask::", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server", "x\n::warning::pwned")]
    [InlineData("--concurrency", "1\n::error::pwned")]
    [InlineData("--output", "json\r\n::set-output name=a::b")]
    [InlineData("--auth", "x\n  ::stop-commands::tok")]
    [InlineData("--certificate-sha256", "##[error]pwned")]
    [InlineData("--\n::warning::unknown", "x")]
    [InlineData("--mailboxes-file", "/tmp/\n::error::f")]
    [InlineData("--api-token-env", "X\n::warning::v")]
    public async Task Check_UsageErrorWithCommandSyntax_NeverEchoesItRaw(string option, string value)
    {
        var (exit, output, error) = await RunAsync(["check", "--server", "127.0.0.1", "--username", "root", "--mailboxes", "alice@example.com", option, value],
            new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" });

        Assert.Equal(2, exit);
        Assert.NotEqual("", error);
        Assert.DoesNotContain((output + error).Split('\n'), StartsAWorkflowCommand);
        Assert.Equal(0, _emulator.Requests.Total);
    }

    [Fact]
    public async Task Demo_OnATerminal_KeepsTheEmulatorRunningUntilEnter()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var terminal = new Terminal(true, _ =>
        {
            waiting.SetResult();
            return enter.Task;
        });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var demo = ActionProgram.RunAsync(["demo"], output, error, new Dictionary<string, string>(), terminal: terminal);

        await waiting.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var text = output.ToString();
        var admin = System.Text.RegularExpressions.Regex.Match(text, @"Admin \(HTTP\):\s+(?<url>http://127\.0\.0\.1:\d+/)").Groups["url"].Value;
        using var http = new HttpClient { BaseAddress = new Uri(admin) };
        using var health = await http.GetAsync("health");

        Assert.False(demo.IsCompleted);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("press Enter", text, StringComparison.Ordinal);
        Assert.Contains(DefaultSeed.RootToken, text, StringComparison.Ordinal);
        Assert.Matches("SHA-256 [0-9A-F]{64}", text);
        Assert.Matches(@"Webmail:\s+https://127\.0\.0\.1:\d+/", text);
        enter.SetResult();
        Assert.Equal(0, await demo.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Demo_WithoutATerminal_SaysTheLinkStopsWorking()
    {
        var (exit, output, _) = await RunAsync(["demo"], []);

        Assert.Equal(0, exit);
        Assert.Contains("the link no longer opens", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_KeepRunningStoppedByCtrlC_StopsTheEmulatorAndExitsAsUsual()
    {
        using var stop = new CancellationTokenSource();
        using var output = new NotifyingWriter("press Ctrl-C to stop", stop.Cancel);

        var exit = await ActionProgram.RunAsync(["demo", "--keep-running"], output, TextWriter.Null, new Dictionary<string, string>(), cancellationToken: stop.Token)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, exit);
        Assert.Contains("2 of 3 mailboxes opened.", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs an action (here: Ctrl-C) once a line containing the given text has been written.</summary>
    private sealed class NotifyingWriter(string text, System.Action then) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(text, StringComparison.Ordinal) == true)
            {
                then();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }
}
