using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CpanelSessionOps.Checks;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Emulator.Hosting;
using CpanelSessionOps.Emulator.Seed;
using CpanelSessionOps.Links;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// One program, two front doors: the GitHub Action (no arguments, <c>GITHUB_ACTIONS=true</c>, inputs in <c>INPUT_*</c>) and the
/// command line (<c>check</c>, <c>mint</c>, <c>demo</c>). Exit codes: 0 all passed, 1 a check failed, 2 bad usage or configuration.
/// On the command line standard output carries only the result (the report, the JSON document or the link); progress,
/// errors and, inside GitHub Actions, workflow commands go to standard error.
/// </summary>
internal static class ActionProgram
{
    public const int Passed = 0;
    public const int CheckFailed = 1;
    public const int BadUsage = 2;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets = null, Terminal? terminal = null, CancellationToken cancellationToken = default)
    {
        // Checks run in parallel and report as they finish: every write must be safe from several threads.
        output = TextWriter.Synchronized(output);
        error = TextWriter.Synchronized(error);
        terminal ??= Terminal.None;
        try
        {
            var actionCommands = new WorkflowCommands(output, environment);
            if (args.Length == 0 && actionCommands.InActions)
            {
                return await RunActionAsync(output, error, environment, actionCommands, configureSecrets, cancellationToken).ConfigureAwait(false);
            }

            var root = BuildCommands(output, error, environment, configureSecrets, terminal);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // System.CommandLine's own messages quote the raw argument: print them escaped, never as given.
                foreach (var problem in parsed.Errors)
                {
                    await error.WriteLineAsync("error: " + WorkflowCommands.Plain(problem.Message)).ConfigureAwait(false);
                }

                var command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
                await error.WriteLineAsync($"See `{command}--help` for the options.").ConfigureAwait(false);
                return BadUsage;
            }

            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped.").ConfigureAwait(false);
            return Cancelled;
        }
    }

    private static async Task<int> RunActionAsync(
        TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment, WorkflowCommands commands,
        Action<SecretStoreOptions>? configureSecrets, CancellationToken cancellationToken)
    {
        commands.Mask(environment.GetValueOrDefault("INPUT_API-TOKEN") ?? "");
        var (settings, problems) = CheckSettings.FromInputs(environment);
        if (settings is null)
        {
            foreach (var problem in problems)
            {
                commands.Error("Invalid input", problem);
            }

            return BadUsage;
        }

        var caller = new CallerIdentity(CallerKind.GitHub, environment.GetValueOrDefault("GITHUB_ACTOR") ?? "github-actions");
        var run = new CheckRun(settings, caller, MintChannel.Action, Json: false, output, output, environment, commands, Terminal.None);
        return await CheckAsync(run, configureSecrets, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where one check run writes: <paramref name="Report"/> is the human report (stderr in JSON mode).</summary>
    private sealed record CheckRun(
        CheckSettings Settings, CallerIdentity Caller, MintChannel Channel, bool Json, TextWriter Output, TextWriter Report,
        IReadOnlyDictionary<string, string> Environment, WorkflowCommands Commands, Terminal Terminal);

    private static async Task<int> CheckAsync(CheckRun run, Action<SecretStoreOptions>? configureSecrets, CancellationToken cancellationToken)
    {
        if (BuildServices(run.Settings, run.Caller, run.Channel, run.Environment, configureSecrets, run.Commands) is not { } services)
        {
            return BadUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            return await RunCheckAsync(services, run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Core wired for the run, or null after reporting a configuration problem (a fleet file Core refuses).</summary>
    private static ServiceProvider? BuildServices(
        CheckSettings settings, CallerIdentity caller, MintChannel channel, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets, WorkflowCommands commands)
    {
        ServiceProvider? services = null;
        try
        {
            services = CheckHost.Build(settings, caller, channel, environment, configureSecrets, commands.Mask);
            _ = services.GetRequiredService<LinkMintingService>();
            _ = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CpanelSessionOps.Cpanel.CpanelClientOptions>>().Value;
            return services;
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidDataException or FileNotFoundException or FormatException)
        {
            services?.Dispose();
            var where = settings.FleetFile is { } file ? $"{settings.Name("fleet")} {CheckSettings.Quote(file)}: " : "";
            var problems = ex is Microsoft.Extensions.Options.OptionsValidationException validation ? validation.Failures : [ex.Message];
            foreach (var problem in problems)
            {
                commands.Error("Invalid configuration", where + problem);
            }

            return null;
        }
    }

    private static async Task<int> RunCheckAsync(ServiceProvider services, CheckRun run, CancellationToken cancellationToken)
    {
        var (settings, report, commands) = (run.Settings, run.Report, run.Commands);
        await report.WriteLineAsync(Describe(settings)).ConfigureAwait(false);
        string? exposedLink = null;
        var (done, failed) = (0, 0);
        var live = run.Terminal.Interactive && !commands.InActions && settings.Mailboxes.Count > 1;
        var results = await services.GetRequiredService<DeployCheckRunner>().RunAsync(settings.Mailboxes, run.Caller, run.Channel,
            new DeployCheckOptions { VerifyLogin = settings.VerifyLogin, Locale = settings.Locale, Concurrency = settings.Concurrency, Timeout = settings.Timeout },
            onMinted: link =>
            {
                // Masked before anything about the session is printed.
                commands.Mask(link.LoginLink.Reveal());
                commands.Mask(link.Session.Secret.Reveal());
                commands.Mask(link.LoginFormBody.Reveal());
                exposedLink ??= settings.ExposeLink ? link.LoginLink.Reveal() : null;
            },
            onResult: result =>
            {
                var (checkedSoFar, failedSoFar) = (Interlocked.Increment(ref done), result.Ok ? failed : Interlocked.Increment(ref failed));
                if (live)
                {
                    report.Write($"\r  {checkedSoFar} of {settings.Mailboxes.Count} checked, {failedSoFar} failed ");
                }
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (live)
        {
            await report.WriteLineAsync().ConfigureAwait(false);
        }

        await WriteResultsAsync(results, run, cancellationToken).ConfigureAwait(false);
        var resultsJson = JsonSerializer.Serialize(results.Select(r => new ResultDto(r.Mailbox, r.Ok, (long)r.Latency.TotalMilliseconds, r.ErrorClass, r.Message)).ToList(),
            ActionJsonContext.Default.ListResultDto);
        var outputs = new List<(string, string)>
        {
            ("results", resultsJson),
            ("passed", results.Count(r => r.Ok).ToString(CultureInfo.InvariantCulture)),
            ("failed", results.Count(r => !r.Ok).ToString(CultureInfo.InvariantCulture)),
        };
        if (exposedLink is not null)
        {
            outputs.Add(("login-url", exposedLink));
        }

        await commands.SetOutputsAsync(outputs).ConfigureAwait(false);
        if (settings.Reports.Contains("summary"))
        {
            await commands.AppendSummaryAsync(GitHubReporter.Markdown(results)).ConfigureAwait(false);
        }

        var githubReports = settings.Reports.Where(r => r != "summary").ToList();
        if (githubReports.Count > 0)
        {
            if (settings.GitHubToken is { } token)
            {
                await new GitHubReporter(run.Environment, token, commands).ReportAsync(githubReports, results, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                commands.Warning("input github-token is empty: the check-run, deployment-status and pr-comment reports were skipped.");
            }
        }

        await run.Output.WriteLineAsync(run.Json ? resultsJson : GitHubReporter.Title(results) + ".").ConfigureAwait(false);
        return ExitCode(results, settings.FailOnError);
    }

    /// <summary>
    /// 2 when a result shows a usage or configuration problem (a mailbox that is no address, a token that could not be read),
    /// otherwise 1 when a check failed (unless fail-on-error is off), else 0.
    /// </summary>
    internal static int ExitCode(IReadOnlyList<MailboxCheckResult> results, bool failOnError) =>
        results.Any(r => r.Failure is { } c && ExitCodeFor(c) == BadUsage) ? BadUsage
        : results.All(r => r.Ok) || !failOnError ? Passed
        : CheckFailed;

    /// <summary>The one table from a failure's class to the exit code: what the user gave or configured here (a mailbox that is
    /// no address, a token that could not be read) is 2, the rest 1.</summary>
    internal static int ExitCodeFor(ErrorClass errorClass) => errorClass switch
    {
        ErrorClass.Validation => BadUsage,
        ErrorClass.CredentialsUnavailable => BadUsage,
        ErrorClass.Forbidden => CheckFailed,
        ErrorClass.RateLimited => CheckFailed,
        ErrorClass.NotManaged => CheckFailed,
        ErrorClass.NotFound => CheckFailed,
        ErrorClass.Suspended => CheckFailed,
        ErrorClass.CpanelRefused => CheckFailed,
        ErrorClass.CpanelAuthentication => CheckFailed,
        ErrorClass.CpanelProtocol => CheckFailed,
        ErrorClass.CpanelTimeout => CheckFailed,
        ErrorClass.CpanelUnavailable => CheckFailed,
        ErrorClass.AuditUnavailable => CheckFailed,
        ErrorClass.NotConfigured => CheckFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "An error class without an exit code: give it its row."),
    };

    /// <summary>What is about to be checked and against which server, printed before the first request.</summary>
    private static string Describe(CheckSettings settings)
    {
        var count = settings.Mailboxes.Count == 1 ? "1 mailbox" : $"{settings.Mailboxes.Count} mailboxes";
        var how = settings.VerifyLogin ? "minting a webmail session for each and logging in with it" : "minting a webmail session for each";
        if (settings.FleetFile is { } file)
        {
            return $"Checking {count} through the fleet in {WorkflowCommands.Plain(file)}, {how}, {settings.Concurrency} at a time:";
        }

        var api = settings.Auth == "cpanel-token" ? $"cPanel port {settings.CpanelPort}" : $"WHM port {settings.WhmPort}";
        return $"Checking {count} on {settings.Server} ({api} as {WorkflowCommands.Plain(settings.UserName ?? "")}, webmail port {settings.WebmailPort}), " +
               $"{how}, {settings.Concurrency} at a time:";
    }

    /// <summary>
    /// The report, in the order the mailboxes were given. A failure is printed once (inside Actions as the annotation);
    /// mailboxes skipped after a refused credential, and refusals repeating one already shown, are summed up on one line.
    /// </summary>
    private static async Task WriteResultsAsync(IReadOnlyList<MailboxCheckResult> results, CheckRun run, CancellationToken cancellationToken)
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var result in results)
        {
            if (result.Ok)
            {
                await run.Report.WriteLineAsync($"✓ {WorkflowCommands.Plain(result.Mailbox)} ({(long)result.Latency.TotalMilliseconds} ms)").ConfigureAwait(false);
            }
            else if (result.NotChecked || (result.ErrorClass == "authentication" && !shown.Add(result.Message ?? "")))
            {
                skipped++;
            }
            else if (run.Commands.InActions && run.Channel == MintChannel.Action)
            {
                run.Commands.Error($"Webmail check failed: {result.Mailbox}", $"{result.ErrorClass}: {result.Message}");
            }
            else
            {
                await run.Report.WriteLineAsync($"✗ {WorkflowCommands.Plain(result.Mailbox)}: {result.ErrorClass}: {WorkflowCommands.Plain(result.Message ?? "")}")
                    .ConfigureAwait(false);
            }
        }

        if (skipped > 0)
        {
            await run.Report.WriteLineAsync($"✗ {skipped} more {(skipped == 1 ? "mailbox" : "mailboxes")} {MailboxCheckResult.CredentialRefusedMessage}")
                .ConfigureAwait(false);
        }

        if (run.Settings.Server is { } host && results.Any(r => r.ErrorClass == "transport" && r.Message?.Contains("certificate", StringComparison.Ordinal) == true))
        {
            await run.Report.WriteLineAsync(await CertificateHintAsync(run.Settings, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    /// <summary>What the server presented, and how to trust it, when its certificate was refused.</summary>
    private static async Task<string> CertificateHintAsync(CheckSettings settings, string host, CancellationToken cancellationToken)
    {
        var port = settings.Auth == "cpanel-token" ? settings.CpanelPort : settings.WhmPort;
        var presented = await CertificateProbe.PresentedFingerprintAsync(host, port, cancellationToken).ConfigureAwait(false);
        if (presented is null)
        {
            return $"The certificate of {host}:{port} could not be read.";
        }

        var match = settings.CertificatePins.Count > 0
            ? $"matches no {settings.Name("certificate-sha256")} given"
            : settings.CaBundle is not null ? $"does not chain to a CA in {settings.Name("ca-bundle")}" : "is not trusted by this machine";
        return $"The certificate {host}:{port} presented {match}: it has SHA-256 {presented}. If that is your server's certificate, " +
               $"trust it with {settings.Name("certificate-sha256")} {presented} (or {settings.Name("ca-bundle")} with the PEM file of the CA that issued it).";
    }

    private static RootCommand BuildCommands(
        TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment, Action<SecretStoreOptions>? configureSecrets, Terminal terminal)
    {
        // Numbers are read as text and parsed by CheckSettings, so the Action and the command line share one validation.
        var server = new Option<string?>("--server") { Description = "The cPanel server's host name." };
        var cpanelPort = new Option<string?>("--cpanel-port") { Description = "cPanel (UAPI) port. [default: 2083]" };
        var whmPort = new Option<string?>("--whm-port") { Description = "WHM port. [default: 2087]" };
        var webmailPort = new Option<string?>("--webmail-port") { Description = "Webmail port. [default: 2096]" };
        var pins = new Option<string[]>("--certificate-sha256") { Description = "SHA-256 fingerprint(s) of the server's certificate to trust.", AllowMultipleArgumentsPerToken = true };
        var caBundle = new Option<string?>("--ca-bundle") { Description = "A PEM file of CA certificates to trust for the server (instead of the system's)." };
        var fleet = new Option<string?>("--fleet") { Description = "A JSON file with a Fleet section, instead of --server." };
        var auth = new Option<string>("--auth") { DefaultValueFactory = _ => "whm-token", Description = "whm-token or cpanel-token." };
        var username = new Option<string?>("--username") { Description = "root or a reseller (whm-token), or the cPanel account (cpanel-token)." };
        var tokenEnv = new Option<string>("--api-token-env") { DefaultValueFactory = _ => "CPANEL_API_TOKEN", Description = "The environment variable that holds the API token." };
        var vault = new Option<string?>("--key-vault-url") { Description = "Read the token from this Key Vault instead." };
        var secretName = new Option<string?>("--secret-name") { Description = "The Key Vault secret that holds the token." };
        var locale = new Option<string?>("--locale") { Description = "The sessions' locale." };
        var timeout = new Option<string?>("--timeout") { Description = $"Seconds one mailbox's check may take, {CheckSettings.TimeoutRange.Min} to {CheckSettings.TimeoutRange.Max}. [default: 60]" };

        (CheckSettings Settings, List<string> Problems) Settings(ParseResult parse, IReadOnlyList<string> mailboxes, string? mailboxesFile, bool verify, string? concurrency, bool failOnError)
        {
            var problems = new List<string>();
            string? secret = null;
            if (parse.GetValue(vault) is { } v)
            {
                if (parse.GetValue(secretName) is { } s)
                {
                    secret = v.TrimEnd('/') + "/secrets/" + s;
                }
                else
                {
                    problems.Add("--secret-name is required with --key-vault-url: the name of the secret that holds the token.");
                }
            }
            else if (parse.GetValue(fleet) is null)
            {
                var variable = parse.GetValue(tokenEnv)!;
                secret = "env:" + variable;
                var state = !environment.TryGetValue(variable, out var value) ? "is not set" : value.Trim().Length == 0 ? "is empty" : null;
                if (state is not null)
                {
                    problems.Add($"{WorkflowCommands.Plain(variable)} {state}: export the API token in it, or name another variable with --api-token-env NAME, " +
                                 "or read the token from Key Vault with --key-vault-url and --secret-name.");
                }
            }

            var settings = new CheckSettings
            {
                InAction = false,
                Server = parse.GetValue(server),
                CpanelPort = CheckSettings.Int(parse.GetValue(cpanelPort), 2083, (int.MinValue, int.MaxValue), "--cpanel-port", problems),
                WhmPort = CheckSettings.Int(parse.GetValue(whmPort), 2087, (int.MinValue, int.MaxValue), "--whm-port", problems),
                WebmailPort = CheckSettings.Int(parse.GetValue(webmailPort), 2096, (int.MinValue, int.MaxValue), "--webmail-port", problems),
                CertificatePins = parse.GetValue(pins) ?? [],
                CaBundle = parse.GetValue(caBundle),
                FleetFile = parse.GetValue(fleet),
                Auth = parse.GetValue(auth)!,
                UserName = parse.GetValue(username),
                SecretReference = secret,
                Mailboxes = mailboxes,
                MailboxesFile = mailboxesFile,
                VerifyLogin = verify,
                Locale = parse.GetValue(locale),
                Concurrency = CheckSettings.Int(concurrency, 4, (int.MinValue, int.MaxValue), "--concurrency", problems),
                Timeout = TimeSpan.FromSeconds(CheckSettings.Int(parse.GetValue(timeout), 60, (int.MinValue, int.MaxValue), "--timeout", problems)),
                Reports = [],
                FailOnError = failOnError,
            };
            problems.AddRange(settings.Validate());
            return (settings, problems);
        }

        async Task<bool> ReportProblemsAsync(List<string> problems)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            return problems.Count > 0;
        }

        var cliCaller = new CallerIdentity(CallerKind.Name, environment.GetValueOrDefault("USER") is { Length: > 0 } user ? user : "cli");

        // On the command line, workflow commands (masks) go to standard error, so standard output stays the result alone:
        // `LINK=$(... mint ...)` and `check --output json > results.json` capture only what they asked for.
        var commands = new WorkflowCommands(error, environment);
        var mailboxes = new Option<string?>("--mailboxes") { Description = "Mailboxes to check, separated by commas." };
        var mailboxesFile = new Option<string?>("--mailboxes-file") { Description = "A file of mailboxes to check, one per line (# starts a comment)." };
        var verifyLogin = new Option<bool>("--verify-login") { DefaultValueFactory = _ => true, Description = "Log in with each session (default true)." };
        var concurrency = new Option<string?>("--concurrency") { Description = $"Mailboxes checked at once, {CheckSettings.ConcurrencyRange.Min} to {CheckSettings.ConcurrencyRange.Max}. [default: 4]" };
        var outputFormat = new Option<string>("--output") { DefaultValueFactory = _ => "text", Description = "text or json." };
        outputFormat.AcceptOnlyFromAmong("text", "json");
        var failOnError = new Option<bool>("--fail-on-error") { DefaultValueFactory = _ => true, Description = "Exit 1 when a check fails (default true)." };
        var check = new Command("check", "Mint a session for each mailbox, log in with it, and report.")
        {
            server, cpanelPort, whmPort, webmailPort, pins, caBundle, fleet, auth, username, tokenEnv, vault, secretName, locale, timeout,
            mailboxes, mailboxesFile, verifyLogin, concurrency, outputFormat, failOnError,
        };
        check.SetAction(async (parse, ct) =>
        {
            var listProblems = new List<string>();
            var file = parse.GetValue(mailboxesFile);
            var list = CheckSettings.ReadMailboxes(parse.GetValue(mailboxes), file, "--mailboxes-file", listProblems);
            var (settings, problems) = Settings(parse, list, file, parse.GetValue(verifyLogin), parse.GetValue(concurrency), parse.GetValue(failOnError));
            problems.InsertRange(0, listProblems);
            if (await ReportProblemsAsync(problems).ConfigureAwait(false))
            {
                return BadUsage;
            }

            var json = parse.GetValue(outputFormat) == "json";
            var run = new CheckRun(settings, cliCaller, MintChannel.Cli, json, output, json ? error : output, environment, commands, terminal);
            return await CheckAsync(run, configureSecrets, ct).ConfigureAwait(false);
        });

        var mailbox = new Option<string>("--mailbox") { Required = true, Description = "The mailbox to mint a login link for." };
        var mint = new Command("mint", "Print one webmail login link (a secret: single use, five minutes).")
        {
            server, cpanelPort, whmPort, webmailPort, pins, caBundle, fleet, auth, username, tokenEnv, vault, secretName, locale, timeout, mailbox,
        };
        mint.SetAction(async (parse, ct) =>
        {
            var (settings, problems) = Settings(parse, [parse.GetValue(mailbox)!], null, verify: false, concurrency: null, failOnError: true);
            return await ReportProblemsAsync(problems).ConfigureAwait(false)
                ? BadUsage
                : await MintOneAsync(settings, cliCaller, output, error, environment, commands, configureSecrets, ct).ConfigureAwait(false);
        });

        var keepRunning = new Option<bool>("--keep-running")
        {
            Description = "Keep the emulator running after the demo until Ctrl-C, so the printed link can be opened (the default on a terminal: until Enter).",
        };
        var demo = new Command("demo", "Start the built-in cPanel emulator, mint and verify a webmail session, print the link and the report.") { outputFormat, keepRunning };
        demo.SetAction((parse, ct) => DemoAsync(parse.GetValue(outputFormat) == "json", parse.GetValue(keepRunning), output, error, terminal, ct));

        return new RootCommand("CpanelSessionOps: mint and verify cPanel webmail sessions (also runs as a GitHub Action).") { check, mint, demo };
    }

    private static async Task<int> MintOneAsync(CheckSettings settings, CallerIdentity caller, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string> environment, WorkflowCommands commands, Action<SecretStoreOptions>? configureSecrets, CancellationToken cancellationToken)
    {
        if (BuildServices(settings, caller, MintChannel.Cli, environment, configureSecrets, commands) is not { } services)
        {
            return BadUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            try
            {
                var link = await services.GetRequiredService<LinkMintingService>()
                    .MintAsync(new MintRequest(settings.Mailboxes[0], LoginKind.Webmail, caller, MintChannel.Cli) { Locale = settings.Locale }, cancellationToken)
                    .ConfigureAwait(false);

                // Inside GitHub Actions the link (and what it is made of) is masked before it is printed anywhere.
                commands.Mask(link.LoginLink.Reveal());
                commands.Mask(link.Session.Secret.Reveal());
                commands.Mask(link.LoginFormBody.Reveal());
                await error.FlushAsync(cancellationToken).ConfigureAwait(false);
                await error.WriteLineAsync($"Login link for {WorkflowCommands.Plain(link.Target)} (a secret: whoever opens it is logged in; single use, until {link.ExpiresAt:u}):")
                    .ConfigureAwait(false);
                await output.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
                return Passed;
            }
            catch (CpanelSessionOpsException ex)
            {
                await error.WriteLineAsync($"error: {ex.ErrorCode}: {WorkflowCommands.Plain(ex.Message)}").ConfigureAwait(false);
                if (settings.Server is { } host && ex is CpanelSessionOps.Cpanel.CpanelTransportException { Failure: CpanelSessionOps.Cpanel.CpanelTransportFailure.Tls })
                {
                    await error.WriteLineAsync(await CertificateHintAsync(settings, host, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                }

                return ExitCodeFor(ex.ErrorClass);
            }
        }
    }

    internal static async Task<int> DemoAsync(bool json, bool keepRunning, TextWriter output, TextWriter error, Terminal terminal, CancellationToken cancellationToken)
    {
        await using var emulator = await CpanelEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var environment = new Dictionary<string, string> { ["DEMO_WHM_TOKEN"] = DefaultSeed.RootToken };
        var settings = new CheckSettings
        {
            Server = "127.0.0.1",
            CpanelPort = emulator.CpanelUri.Port,
            WhmPort = emulator.WhmUri.Port,
            WebmailPort = emulator.WebmailUri.Port,
            CertificatePins = [emulator.CertificateSha256],
            UserName = "root",
            SecretReference = "env:DEMO_WHM_TOKEN",
            Mailboxes = [DefaultSeed.AliceAddress, DefaultSeed.DaveAddress, DefaultSeed.BobAddress],
            Reports = [],
            FailOnError = false,
        };
        var progress = json ? error : output;
        await progress.WriteLineAsync($"""
            Started the built-in cPanel & WHM emulator (demo data, nothing here is a real secret):
              cPanel (UAPI):  {emulator.CpanelUri}
              WHM (API 1):    {emulator.WhmUri}
              Webmail:        {emulator.WebmailUri}
              Admin (HTTP):   {emulator.AdminUri}   e.g. curl {emulator.AdminUri}sessions
              Certificate:    self-signed, SHA-256 {emulator.CertificateSha256}
              WHM token:      root:{DefaultSeed.RootToken}   (Authorization: whm root:{DefaultSeed.RootToken})
              Mailbox:        {DefaultSeed.AliceAddress}, password {DefaultSeed.AlicePassword}
            Bob's logins are suspended in the demo data, so his check fails on purpose.
            """).ConfigureAwait(false);
        var caller = new CallerIdentity(CallerKind.Name, "demo");
        var commands = new WorkflowCommands(progress, new Dictionary<string, string>());
        await using var services = CheckHost.Build(settings, caller, MintChannel.Cli, environment);
        var run = new CheckRun(settings, caller, MintChannel.Cli, json, output, progress, environment, commands, terminal);
        await RunCheckAsync(services, run, cancellationToken).ConfigureAwait(false);

        var link = await services.GetRequiredService<LinkMintingService>()
            .MintAsync(new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, caller, MintChannel.Cli), cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"A fresh login link for {link.Target} on the emulator (in real use a link is a secret; this one is demo data):").ConfigureAwait(false);
        await progress.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
        var alice = emulator.Sessions.Count(s => s.User == DefaultSeed.AliceAddress && s.Used);
        await WaitWhileTheLinkIsNeededAsync(keepRunning, progress, terminal, cancellationToken).ConfigureAwait(false);
        return alice == 1 ? Passed : CheckFailed;
    }

    /// <summary>
    /// The link only works while the emulator runs. On a terminal the demo waits for Enter (or Ctrl-C); with
    /// --keep-running it waits for Ctrl-C; otherwise (CI, no terminal) it says the link is dead and returns.
    /// </summary>
    private static async Task WaitWhileTheLinkIsNeededAsync(bool keepRunning, TextWriter progress, Terminal terminal, CancellationToken cancellationToken)
    {
        try
        {
            if (keepRunning)
            {
                await progress.WriteLineAsync("The emulator keeps running, so the link and the URLs above work; press Ctrl-C to stop.").ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            else if (terminal.Interactive)
            {
                await progress.WriteLineAsync("The emulator keeps running, so the link and the URLs above work; press Enter (or Ctrl-C) to stop it.").ConfigureAwait(false);
                await terminal.WaitForEnterAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await progress.WriteLineAsync("The emulator stops now, so the link no longer opens; run `demo --keep-running` to try it in a browser.").ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: stop the emulator and report as usual.
        }
    }
}

internal sealed record ResultDto(string Mailbox, bool Ok, long LatencyMs, string? ErrorClass, string? Message);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ResultDto>))]
internal sealed partial class ActionJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
