using System.Diagnostics;
using System.Globalization;
using System.Net;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Emulator.Faults;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Soak;

/// <summary>What to run.</summary>
public sealed record SoakOptions
{
    /// <summary>Mint attempts per batch.</summary>
    public int Mints { get; init; } = 100_000;

    /// <summary>Attempts in flight at once.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Run batches until this much time has passed (at least one batch); null for one batch.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How often progress, memory and handles are reported.</summary>
    public TimeSpan ReportEvery { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>What a batch found. Every count but the first four must be zero.</summary>
/// <param name="Attempts">Mint attempts made.</param>
/// <param name="Minted">Links handed out.</param>
/// <param name="FailedByClass">Attempts refused or failed, by error class (audit failures as <c>audit</c>).</param>
/// <param name="FaultsInjected">cPanel, Key Vault and audit-table faults injected.</param>
/// <param name="KeyVaultFaultsAnswered">Key Vault reads answered with a fault (each queued fault is answered once).</param>
/// <param name="UnclassifiedErrors">Exceptions outside the product's classified failures.</param>
/// <param name="AttemptsWithoutOneAuditEvent">Attempts whose audit record was not logged exactly once.</param>
/// <param name="AttemptsWithWrongTableRecords">Attempts with a stored record count other than one (zero when the table was down).</param>
/// <param name="LinksWithoutStoredRecord">Links handed out although their record was not stored (audit fails closed).</param>
/// <param name="LogLinesWithSecrets">Captured log lines (or exception texts) holding a secret.</param>
/// <param name="FirstLeak">Where the first leak was, when there was one.</param>
public sealed record SoakReport(
    int Attempts, int Minted, IReadOnlyDictionary<string, int> FailedByClass, int FaultsInjected, long KeyVaultFaultsAnswered,
    int UnclassifiedErrors, int AttemptsWithoutOneAuditEvent, int AttemptsWithWrongTableRecords, int LinksWithoutStoredRecord,
    long LogLinesWithSecrets, string? FirstLeak)
{
    /// <summary>Whether every invariant held.</summary>
    public bool Passed => UnclassifiedErrors == 0 && AttemptsWithoutOneAuditEvent == 0 && AttemptsWithWrongTableRecords == 0 &&
                          LinksWithoutStoredRecord == 0 && LogLinesWithSecrets == 0;
}

/// <summary>
/// The soak: mint attempts through the whole pipeline (<see cref="LinkMintingService"/>: validation, policy, limits, routing,
/// Key Vault secret, cPanel call, audit) against the emulator, with faults mixed in at fixed attempt numbers: cPanel 5xx,
/// 429 with Retry-After, connection resets, slow answers and cPanel's own failures; Key Vault 5xx and throttling (a cached
/// secret is made to expire first); the audit table down for a stretch of writes; and some invalid, refused and unrouted
/// requests. Checks every attempt: a classified outcome, exactly one audit event, exactly one stored record unless the
/// table was down, no link without a stored record, and no secret in any log line.
/// </summary>
public static class SoakRun
{
    private const string Prefix = "soak-";
    private static readonly CallerIdentity Caller = new(CallerKind.Name, "soak");

    /// <summary>The attempt number in a soak correlation id (<c>soak-N</c>), or null.</summary>
    internal static int? AttemptOf(string? correlationId) =>
        correlationId is not null && correlationId.StartsWith(Prefix, StringComparison.Ordinal) &&
        int.TryParse(correlationId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) ? attempt : null;

    /// <summary>Runs one batch, or batches until <see cref="SoakOptions.Duration"/>; returns the report of each.</summary>
    public static async Task<IReadOnlyList<SoakReport>> RunAsync(SoakOptions options, Action<string> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        await using var emulator = await CpanelEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.StartNew();
        var reports = new List<SoakReport>();
        var progress = new Progress();
        using var reporting = new CancellationTokenSource();
        var reporter = ReportAsync(progress, started, options.ReportEvery, report, reporting.Token);
        try
        {
            do
            {
                var batch = await RunBatchAsync(emulator, options, progress, cancellationToken).ConfigureAwait(false);
                reports.Add(batch);
                report(Describe(reports.Count, batch, started.Elapsed));
            }
            while (options.Duration is { } duration && started.Elapsed < duration && !cancellationToken.IsCancellationRequested);
        }
        finally
        {
            await reporting.CancelAsync().ConfigureAwait(false);
            await reporter.ConfigureAwait(false);
        }

        return reports;
    }

    private static async Task<SoakReport> RunBatchAsync(CpanelEmulator emulator, SoakOptions options, Progress progress, CancellationToken cancellationToken)
    {
        emulator.Faults.Clear();
        using var vault = new InProcessKeyVault();
        vault.SetSecret("soak-cpanel-token", DefaultSeed.DemoToken);
        var clock = new SteppedTimeProvider();
        var table = new SoakAuditTable(options.Mints);
        var logs = new CapturingLoggerProvider([DefaultSeed.DemoToken, DefaultSeed.RootToken], options.Mints);
        var cacheFor = TimeSpan.FromMinutes(5);
        var grace = TimeSpan.FromMinutes(30);
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IAuditSink>(table);
        services.AddEmulatorPipeline(emulator.CpanelUri, emulator.WhmUri, emulator.WebmailUri, emulator.CertificateSha256, "soak",
                "keyvault:soak-cpanel-token", "name:soak", ["*@" + EmulatorPipeline.Domain, "*@unrouted.example"])
            .ConfigureSecrets(secrets =>
            {
                vault.Configure(secrets);
                secrets.CacheDuration = cacheFor;
                secrets.GracePeriod = grace;
                secrets.RetryAfterFailure = TimeSpan.FromSeconds(1);
            })
            .ConfigureClient(static o =>
            {
                o.RetryDelay = TimeSpan.FromMilliseconds(5);
                o.AttemptTimeout = TimeSpan.FromSeconds(5);
            })
            .ConfigureAudit(static audit => audit.FailureMode = AuditFailureMode.FailClosed);
        await using var provider = services.BuildServiceProvider();
        var minting = provider.GetRequiredService<LinkMintingService>();

        var minted = new bool[options.Mints];
        var failedByClass = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var unclassified = 0;
        var faults = 0;
        var next = -1;
        progress.StartBatch(options.Mints);
        var workers = Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            int attempt;
            while ((attempt = Interlocked.Increment(ref next)) < options.Mints && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Add(ref faults, InjectFaults(attempt, emulator, vault, clock, cacheFor, grace));
                try
                {
                    var link = await minting.MintAsync(RequestFor(attempt), cancellationToken).ConfigureAwait(false);
                    minted[attempt] = link is not null;
                    progress.Minted();
                }
                catch (Exception ex) when (ErrorClass(ex) is { } errorClass)
                {
                    failedByClass.AddOrUpdate(errorClass, 1, static (_, n) => n + 1);
                    progress.Failed();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref unclassified);
                    progress.Failed();
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);

        var attempts = Math.Min(options.Mints, next);
        int withoutOneEvent = 0, wrongRecords = 0, linksWithoutRecord = 0;
        for (var i = 0; i < attempts; i++)
        {
            withoutOneEvent += logs.AuditEventsFor(i) == 1 ? 0 : 1;
            var stored = table.StoredFor(i);
            wrongRecords += stored > 1 ? 1 : 0;
            linksWithoutRecord += minted[i] && (stored != 1 || table.OutcomeOf(i) != AuditOutcome.Minted) ? 1 : 0;
        }

        // A record lost to the outage is the only allowed gap: every other attempt has exactly one.
        var missing = Enumerable.Range(0, attempts).Count(i => table.StoredFor(i) == 0);
        wrongRecords += (int)Math.Abs(missing - table.Refused) + (int)table.Foreign;
        return new SoakReport(attempts, minted.Count(m => m), failedByClass.ToDictionary(), faults + (int)table.Refused, vault.FaultsAnswered, unclassified,
            withoutOneEvent, wrongRecords, linksWithoutRecord, logs.LinesWithSecrets, logs.FirstLeak);
    }

    /// <summary>Faults at fixed attempt numbers, so a run of N attempts always injects the same ones.</summary>
    private static int InjectFaults(int attempt, CpanelEmulator emulator, InProcessKeyVault vault, SteppedTimeProvider clock, TimeSpan cacheFor, TimeSpan grace)
    {
        const string Function = "create_webmail_session_for_mail_user";
        if (attempt % 100 == 50)
        {
            emulator.Faults.Add(((attempt / 100) % 6) switch
            {
                0 => new FaultRule { Function = Function, Kind = FaultKind.Http503, Times = 2 },
                1 => new FaultRule { Function = Function, Kind = FaultKind.Http429, Times = 1, RetryAfterSeconds = 1 },
                2 => new FaultRule { Function = Function, Kind = FaultKind.ConnectionReset, Times = 2 },
                3 => new FaultRule { Function = Function, Kind = FaultKind.Latency, Times = 3, Delay = TimeSpan.FromMilliseconds(100) },
                4 => new FaultRule { Function = Function, Kind = FaultKind.Http500, Times = 5 },
                _ => new FaultRule { Function = Function, Kind = FaultKind.RequestFailed, Times = 1 },
            });
            return 1;
        }

        switch (attempt % 2_000)
        {
            case 700:
                // The cached secret expires and Key Vault fails through the SDK's retries: the last good value is served (grace).
                clock.Jump(cacheFor);
                vault.FailNext(HttpStatusCode.ServiceUnavailable, 3);
                return 1;
            case 1_300:
                // Throttled once, with Retry-After: the SDK waits and reads it.
                clock.Jump(cacheFor);
                vault.FailNext(HttpStatusCode.TooManyRequests, 1, retryAfterSeconds: 1);
                return 1;
            case 900 when attempt % 10_000 == 2_900:
                // Past the grace period and Key Vault down: attempts fail as secret-unavailable until a read succeeds.
                clock.Jump(cacheFor + grace);
                vault.FailNext(HttpStatusCode.InternalServerError, 6);
                return 1;
            default:
                return 0;
        }
    }

    /// <summary>Mostly valid requests for alice; every 97th for a domain no rule grants, every 89th invalid, every 83rd for a
    /// granted but unrouted domain.</summary>
    private static MintRequest RequestFor(int attempt)
    {
        var target = attempt % 97 == 0 ? "alice@example.net" : attempt % 89 == 0 ? "alice@@example.com" : attempt % 83 == 0 ? "alice@unrouted.example" : DefaultSeed.AliceAddress;
        return new MintRequest(target, LoginKind.Webmail, Caller, MintChannel.Http)
        {
            CorrelationId = Prefix + attempt.ToString(CultureInfo.InvariantCulture),
            EndUserAddress = "203.0.113.7",
        };
    }

    /// <summary>The product's classified failures (what hosts map to an answer), or null.</summary>
    private static string? ErrorClass(Exception exception) => (exception as CpanelSessionOpsException)?.ErrorCode;

    private static string Describe(int batch, SoakReport r, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"batch {batch} at {elapsed:hh\\:mm\\:ss}: {(r.Passed ? "PASSED" : "FAILED")}: {r.Attempts} attempts, {r.Minted} minted, failed " +
        $"{{{string.Join(", ", r.FailedByClass.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"))}}}, {r.FaultsInjected} faults injected ({r.KeyVaultFaultsAnswered} Key Vault answers failed); " +
        $"unclassified {r.UnclassifiedErrors}, without one audit event {r.AttemptsWithoutOneAuditEvent}, wrong table records {r.AttemptsWithWrongTableRecords}, " +
        $"links without stored record {r.LinksWithoutStoredRecord}, log lines with secrets {r.LogLinesWithSecrets}{(r.FirstLeak is null ? "" : " (first: " + r.FirstLeak + ")")}");

    private static async Task ReportAsync(Progress progress, Stopwatch started, TimeSpan every, Action<string> report, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                using var process = Process.GetCurrentProcess();
                report(string.Create(CultureInfo.InvariantCulture,
                    $"{started.Elapsed:hh\\:mm\\:ss} attempts {progress.Done}/{progress.Total} (minted {progress.MintedCount}), working set {process.WorkingSet64 / 1048576} MB, " +
                    $"GC heap {GC.GetTotalMemory(false) / 1048576} MB, handles {process.HandleCount}, threads {process.Threads.Count}, gen2 collections {GC.CollectionCount(2)}"));
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private sealed class Progress
    {
        private long _done;
        private long _minted;

        public long Total { get; private set; }

        public long Done => Interlocked.Read(ref _done);

        public long MintedCount => Interlocked.Read(ref _minted);

        public void StartBatch(int total)
        {
            Total = total;
            Interlocked.Exchange(ref _done, 0);
            Interlocked.Exchange(ref _minted, 0);
        }

        public void Minted()
        {
            Interlocked.Increment(ref _minted);
            Interlocked.Increment(ref _done);
        }

        public void Failed() => Interlocked.Increment(ref _done);
    }
}
