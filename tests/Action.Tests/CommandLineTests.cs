using System.Text.Json;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;

namespace CpanelSessionOps.Action.Tests;

/// <summary>The same program from a terminal: check, mint and demo.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private CpanelEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await CpanelEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private string[] Connection() =>
    [
        "--server", "127.0.0.1", "--cpanel-port", _emulator.CpanelUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--whm-port", _emulator.WhmUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--webmail-port", _emulator.WebmailUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--certificate-sha256", _emulator.CertificateSha256, "--username", "root",
    ];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await ActionProgram.RunAsync(args, output, error, environment ?? new Dictionary<string, string> { ["CPANEL_API_TOKEN"] = DefaultSeed.RootToken })
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
}
