using CpanelSessionOps.Checks;
using CpanelSessionOps.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Core.Tests.Checks;

public sealed class DeployCheckRunnerTests : IAsyncLifetime
{
    private MintingHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await MintingHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private DeployCheckRunner Runner => _harness.Services.GetRequiredService<DeployCheckRunner>();

    [Fact]
    public async Task RunAsync_WhmServer_ChecksTheMailboxBeforeMintingAndLogsIn()
    {
        var results = await Runner.RunAsync(["alice@example.com", "bob@example.com"], MintingHarness.Support, MintChannel.Slack, new DeployCheckOptions());

        Assert.True(results[0].Ok, results[0].Message);
        Assert.Equal([307, 200], results[0].LoginHops.Select(h => h.StatusCode));
        // bob's logins are suspended: the check before minting says so, and no link is made.
        Assert.Equal((false, "api", false), (results[1].Ok, results[1].ErrorClass, results[1].MailboxCheckSkipped));
        Assert.DoesNotContain(_harness.Emulator.Sessions, s => s.User == "bob@example.com");
    }

    [Fact]
    public async Task RunAsync_SkipMailboxCheck_LetsTheLoginDecideAndSaysSo()
    {
        var results = await Runner.RunAsync(["alice@example.com", "bob@example.com"], MintingHarness.Support, MintChannel.Slack,
            new DeployCheckOptions { SkipMailboxCheck = true });

        Assert.True(results[0].Ok, results[0].Message);
        Assert.Equal((false, "login", true), (results[1].Ok, results[1].ErrorClass, results[1].MailboxCheckSkipped));
        Assert.Contains("mailbox check before minting skipped", results[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.Emulator.Requests.Entries, e => e.Function is "accountsummary" or "uapi_cpanel" or "getdomainowner");
    }
}
