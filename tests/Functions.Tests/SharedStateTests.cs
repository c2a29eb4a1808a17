using CpanelSessionOps.Audit;
using CpanelSessionOps.Functions.SharedState;
using CpanelSessionOps.Functions.Tests.Support;
using CpanelSessionOps.Policy;
using CpanelSessionOps.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>
/// Two instances of the app, each built from Program.cs's registrations, sharing one Azurite: what one instance counted or
/// accepted, the other sees. Time is a fake clock shared by both.
/// </summary>
public sealed class SharedStateTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task WebmailSessions_CallerTakesTurnsBetweenTwoInstances_TheLimitHoldsAcrossBoth()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite, ("Policy:CallerLimit", "3"));
        await using var first = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));
        await using var second = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));

        var statuses = new List<int>();
        foreach (var host in new[] { first, second, first, second })
        {
            statuses.Add((await MintAsync(host, "alice@example.com")).Status);
        }

        var refused = await MintAsync(first, "alice@example.com");
        _time.Advance(TimeSpan.FromMinutes(1));
        var nextWindow = await MintAsync(second, "alice@example.com");

        Assert.Equal([201, 201, 201, 429], statuses);
        Assert.Equal((429, "urn:cpanel-session-ops:problem:rate-limited"), (refused.Status, refused.Json.GetProperty("type").GetString()));
        Assert.Equal(201, nextWindow.Status);
    }

    [SkippableFact]
    public async Task SlackCommand_AcceptedByOneInstance_IsRefusedAsAReplayByTheOther()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite);
        await using var first = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));
        await using var second = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));
        var body = SlackCommandTests.SlackBody("help");
        var headers = SlackCommandTests.SlackHeaders(body, _time.GetUtcNow());

        var accepted = await SlackCommandTests.SlackRawAsync(first, body, headers);
        var replayed = await SlackCommandTests.SlackRawAsync(second, body, headers);

        Assert.Equal(200, accepted.Status);
        Assert.Equal((401, "urn:cpanel-session-ops:problem:replayed"), (replayed.Status, replayed.Json.GetProperty("type").GetString()));
        Assert.Contains(second.Audit.Records, r => r.ErrorClass == "replay");
    }

    [SkippableFact]
    public async Task RateLimitStore_ThousandConcurrentAcquisitionsAcrossTwoInstances_GrantExactlyTheLimit()
    {
        using var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite);
        await using var first = Instance(settings);
        await using var second = Instance(settings);
        var stores = new[] { first.GetRequiredService<IRateLimitStore>(), second.GetRequiredService<IRateLimitStore>() };

        var decisions = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(async () => await stores[i % 2].TryAcquireAsync("caller:name:portal", 10, TimeSpan.FromMinutes(1)))));

        Assert.Equal(10, decisions.Count(d => d.IsAcquired));
        Assert.All(decisions.Where(d => !d.IsAcquired), d => Assert.InRange(d.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1)));
    }

    [SkippableFact]
    public async Task WebmailSessions_TableUnreachableAndFailClosed_Answers503AndAuditsTheClass()
    {
        var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite);
        azurite.Dispose();
        await using var host = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));

        var response = await MintAsync(host, "alice@example.com");

        Assert.Equal((503, "urn:cpanel-session-ops:problem:shared-state-unavailable"), (response.Status, response.Json.GetProperty("type").GetString()));
        Assert.DoesNotContain(AzuriteTable.AccountKeyForTests, response.Body, StringComparison.Ordinal);
        var record = Assert.Single(host.Audit.Records);
        Assert.Equal((AuditOutcome.Failed, "shared-state"), (record.Outcome, record.ErrorClass));
        Assert.Equal(0, host.Emulator.Requests.Total);
    }

    [SkippableFact]
    public async Task WebmailSessions_TableUnreachableAndFailOpen_MintsWithThisInstancesLimits()
    {
        var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite, ("SharedState:FailureMode", "FailOpen"), ("Policy:CallerLimit", "1"));
        azurite.Dispose();
        await using var host = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));

        var minted = await MintAsync(host, "alice@example.com");
        var limited = await MintAsync(host, "bob@example.com");

        Assert.Equal((201, 429), (minted.Status, limited.Status));
    }

    [SkippableFact]
    public async Task SlackCommand_DeliveryTableUnreachableAndFailClosed_Answers503AndHandlesNothing()
    {
        var azurite = await AzuriteTable.StartAsync();
        var settings = Shared(azurite);
        azurite.Dispose();
        await using var host = await FunctionsHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(_time));
        var body = SlackCommandTests.SlackBody("alice@example.com");

        var response = await SlackCommandTests.SlackRawAsync(host, body, SlackCommandTests.SlackHeaders(body, _time.GetUtcNow()));

        Assert.Equal((503, "urn:cpanel-session-ops:problem:shared-state-unavailable"), (response.Status, response.Json.GetProperty("type").GetString()));
        Assert.DoesNotContain(AzuriteTable.AccountKeyForTests, response.Body, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Requests.Total);
    }

    [Fact]
    public async Task StartAsync_NoTableConfigured_WarnsThatLimitsArePerInstance()
    {
        var logs = new FakeLogCollector();
        await using var services = Instance([], logs);

        await StartHostedServicesAsync(services);

        Assert.True(services.GetServices<IHostedService>().OfType<SharedStateStartupWarning>().Single().PerInstance);
        Assert.Contains(logs.GetSnapshot(), r => r.Category == typeof(SharedStateStartupWarning).FullName && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task StartAsync_TableConfigured_DoesNotWarn()
    {
        var logs = new FakeLogCollector();
        await using var services = Instance(new() { ["SharedState:TableServiceUri"] = "https://account.table.core.windows.net/" }, logs);

        await StartHostedServicesAsync(services);

        Assert.False(services.GetServices<IHostedService>().OfType<SharedStateStartupWarning>().Single().PerInstance);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Category == typeof(SharedStateStartupWarning).FullName);
    }

    private static Dictionary<string, string?> Shared(AzuriteTable azurite, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SharedState:TableConnectionString"] = azurite.ConnectionString,
            // A generous network timeout: only a hang guard on a loaded machine.
            ["SharedState:NetworkTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An app instance from Program.cs's registrations alone (no emulator): enough for the shared stores.</summary>
    private ServiceProvider Instance(Dictionary<string, string?> settings, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())));
        services.AddCpanelSessionOpsFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(_time);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>().OfType<SharedStateStartupWarning>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }

    private static async Task<FunctionResponse> MintAsync(FunctionsHost host, string mailbox)
    {
        var request = host.Request("POST", "/api/webmail/sessions", $$"""{"email":"{{mailbox}}"}""");
        return await FunctionsHost.ExecuteAsync(request, await host.Function<WebmailSessionsFunction>().RunAsync(request, CancellationToken.None));
    }
}
