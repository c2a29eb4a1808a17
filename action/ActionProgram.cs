using System.CommandLine;
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
/// </summary>
internal static class ActionProgram
{
    public const int Passed = 0;
    public const int CheckFailed = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets = null, CancellationToken cancellationToken = default)
    {
        // Checks run in parallel and report as they finish: every write must be safe from several threads.
        output = TextWriter.Synchronized(output);
        error = TextWriter.Synchronized(error);
        var commands = new WorkflowCommands(output, environment);
        if (args.Length == 0 && commands.InActions)
        {
            return await RunActionAsync(output, error, environment, commands, configureSecrets, cancellationToken).ConfigureAwait(false);
        }

        var root = BuildCommands(output, error, environment, configureSecrets);
        var parsed = root.Parse(args);
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
        return parsed.Errors.Count > 0 ? BadUsage : code;
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
        return await CheckAsync(settings, caller, MintChannel.Action, json: false, output, error, environment, commands, configureSecrets, cancellationToken)
            .ConfigureAwait(false);
    }

    internal static async Task<int> CheckAsync(
        CheckSettings settings, CallerIdentity caller, MintChannel channel, bool json, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string> environment, WorkflowCommands commands, Action<SecretStoreOptions>? configureSecrets,
        CancellationToken cancellationToken)
    {
        ServiceProvider services;
        try
        {
            services = CheckHost.Build(settings, caller, channel, environment, configureSecrets, commands.Mask);
            _ = services.GetRequiredService<LinkMintingService>();
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidDataException or FileNotFoundException or FormatException)
        {
            commands.Error("Invalid configuration", ex.Message);
            return BadUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            return await RunCheckAsync(services, settings, caller, channel, json, output, error, environment, commands, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunCheckAsync(
        ServiceProvider services, CheckSettings settings, CallerIdentity caller, MintChannel channel, bool json, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string> environment, WorkflowCommands commands, CancellationToken cancellationToken)
    {
        var progress = json ? error : output;
        string? exposedLink = null;
        var results = await services.GetRequiredService<DeployCheckRunner>().RunAsync(settings.Mailboxes, caller, channel,
            new DeployCheckOptions { VerifyLogin = settings.VerifyLogin, Locale = settings.Locale, Concurrency = settings.Concurrency, Timeout = settings.Timeout },
            onMinted: link =>
            {
                // Masked before anything about the session is printed.
                commands.Mask(link.LoginLink.Reveal());
                commands.Mask(link.Session.Secret.Reveal());
                commands.Mask(link.LoginFormBody.Reveal());
                exposedLink ??= settings.ExposeLink ? link.LoginLink.Reveal() : null;
            },
            onResult: result => progress.WriteLine(result.Ok
                ? $"✓ {WorkflowCommands.Plain(result.Mailbox)} ({(long)result.Latency.TotalMilliseconds} ms)"
                : $"✗ {WorkflowCommands.Plain(result.Mailbox)}: {result.ErrorClass}: {WorkflowCommands.Plain(result.Message ?? "")}"),
            cancellationToken: cancellationToken).ConfigureAwait(false);

        foreach (var failed in results.Where(r => !r.Ok))
        {
            commands.Error($"Webmail check failed: {failed.Mailbox}", $"{failed.ErrorClass}: {failed.Message}");
        }

        var resultsJson = JsonSerializer.Serialize(results.Select(r => new ResultDto(r.Mailbox, r.Ok, (long)r.Latency.TotalMilliseconds, r.ErrorClass, r.Message)).ToList(),
            ActionJsonContext.Default.ListResultDto);
        var outputs = new List<(string, string)>
        {
            ("results", resultsJson),
            ("passed", results.Count(r => r.Ok).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("failed", results.Count(r => !r.Ok).ToString(System.Globalization.CultureInfo.InvariantCulture)),
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
                await new GitHubReporter(environment, token, commands).ReportAsync(githubReports, results, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                commands.Warning("input github-token is empty: the check-run, deployment-status and pr-comment reports were skipped.");
            }
        }

        if (json)
        {
            await output.WriteLineAsync(resultsJson).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(GitHubReporter.Title(results) + ".").ConfigureAwait(false);
        }

        return results.All(r => r.Ok) || !settings.FailOnError ? Passed : CheckFailed;
    }

    private static RootCommand BuildCommands(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string> environment, Action<SecretStoreOptions>? configureSecrets)
    {
        var server = new Option<string?>("--server") { Description = "The cPanel server's host name." };
        var cpanelPort = new Option<int>("--cpanel-port") { DefaultValueFactory = _ => 2083, Description = "cPanel (UAPI) port." };
        var whmPort = new Option<int>("--whm-port") { DefaultValueFactory = _ => 2087, Description = "WHM port." };
        var webmailPort = new Option<int>("--webmail-port") { DefaultValueFactory = _ => 2096, Description = "Webmail port." };
        var pins = new Option<string[]>("--certificate-sha256") { Description = "SHA-256 fingerprint(s) of the server's certificate to trust.", AllowMultipleArgumentsPerToken = true };
        var fleet = new Option<string?>("--fleet") { Description = "A JSON file with a Fleet section, instead of --server." };
        var auth = new Option<string>("--auth") { DefaultValueFactory = _ => "whm-token", Description = "whm-token or cpanel-token." };
        var username = new Option<string?>("--username") { Description = "root or a reseller (whm-token), or the cPanel account (cpanel-token)." };
        var tokenEnv = new Option<string>("--api-token-env") { DefaultValueFactory = _ => "CPANEL_API_TOKEN", Description = "The environment variable that holds the API token." };
        var vault = new Option<string?>("--key-vault-url") { Description = "Read the token from this Key Vault instead." };
        var secretName = new Option<string?>("--secret-name") { Description = "The Key Vault secret that holds the token." };
        var locale = new Option<string?>("--locale") { Description = "The sessions' locale." };
        var timeout = new Option<int>("--timeout") { DefaultValueFactory = _ => 60, Description = "Seconds one mailbox's check may take." };

        CheckSettings Settings(ParseResult parse, IReadOnlyList<string> mailboxes, bool verify, int concurrency, bool failOnError) => new()
        {
            Server = parse.GetValue(server),
            CpanelPort = parse.GetValue(cpanelPort),
            WhmPort = parse.GetValue(whmPort),
            WebmailPort = parse.GetValue(webmailPort),
            CertificatePins = parse.GetValue(pins) ?? [],
            FleetFile = parse.GetValue(fleet),
            Auth = parse.GetValue(auth)!,
            UserName = parse.GetValue(username),
            SecretReference = parse.GetValue(vault) is { } v && parse.GetValue(secretName) is { } s
                ? v.TrimEnd('/') + "/secrets/" + s
                : environment.ContainsKey(parse.GetValue(tokenEnv)!) ? "env:" + parse.GetValue(tokenEnv) : null,
            Mailboxes = mailboxes,
            VerifyLogin = verify,
            Locale = parse.GetValue(locale),
            Concurrency = concurrency,
            Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            Reports = [],
            FailOnError = failOnError,
        };

        var cliCaller = new CallerIdentity(CallerKind.Name, environment.GetValueOrDefault("USER") is { Length: > 0 } user ? user : "cli");
        var commands = new WorkflowCommands(output, environment);
        async Task<int> RunValidated(CheckSettings settings, bool json, CancellationToken ct)
        {
            var problems = settings.Validate(inAction: false).ToList();
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            return problems.Count > 0
                ? BadUsage
                : await CheckAsync(settings, cliCaller, MintChannel.Cli, json, output, error, environment, commands, configureSecrets, ct).ConfigureAwait(false);
        }

        var mailboxes = new Option<string>("--mailboxes") { Required = true, Description = "Mailboxes to check, separated by commas." };
        var verifyLogin = new Option<bool>("--verify-login") { DefaultValueFactory = _ => true, Description = "Log in with each session (default true)." };
        var concurrency = new Option<int>("--concurrency") { DefaultValueFactory = _ => 4, Description = "Mailboxes checked at once." };
        var outputFormat = new Option<string>("--output") { DefaultValueFactory = _ => "text", Description = "text or json." };
        outputFormat.AcceptOnlyFromAmong("text", "json");
        var failOnError = new Option<bool>("--fail-on-error") { DefaultValueFactory = _ => true, Description = "Exit 1 when a check fails (default true)." };
        var check = new Command("check", "Mint a session for each mailbox, log in with it, and report.")
        {
            server, cpanelPort, whmPort, webmailPort, pins, fleet, auth, username, tokenEnv, vault, secretName, locale, timeout,
            mailboxes, verifyLogin, concurrency, outputFormat, failOnError,
        };
        check.SetAction((parse, ct) => RunValidated(
            Settings(parse, CheckSettings.List(parse.GetValue(mailboxes)), parse.GetValue(verifyLogin), parse.GetValue(concurrency), parse.GetValue(failOnError)),
            parse.GetValue(outputFormat) == "json", ct));

        var mailbox = new Option<string>("--mailbox") { Required = true, Description = "The mailbox to mint a login link for." };
        var mint = new Command("mint", "Print one webmail login link (a secret: single use, five minutes).")
        {
            server, cpanelPort, whmPort, webmailPort, pins, fleet, auth, username, tokenEnv, vault, secretName, locale, timeout, mailbox,
        };
        mint.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse, [parse.GetValue(mailbox)!], verify: false, concurrency: 1, failOnError: true);
            var problems = settings.Validate(inAction: false).ToList();
            foreach (var problem in problems)
            {
                await error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            return problems.Count > 0 ? BadUsage : await MintOneAsync(settings, cliCaller, output, error, environment, configureSecrets, ct).ConfigureAwait(false);
        });

        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the emulator running after the demo, so the printed link can be opened." };
        var demo = new Command("demo", "Start the built-in cPanel emulator, mint and verify a webmail session, print the link and the report.") { outputFormat, keepRunning };
        demo.SetAction((parse, ct) => DemoAsync(parse.GetValue(outputFormat) == "json", parse.GetValue(keepRunning), output, error, ct));

        return new RootCommand("CpanelSessionOps: mint and verify cPanel webmail sessions (also runs as a GitHub Action).") { check, mint, demo };
    }

    private static async Task<int> MintOneAsync(CheckSettings settings, CallerIdentity caller, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string> environment, Action<SecretStoreOptions>? configureSecrets, CancellationToken cancellationToken)
    {
        await using var services = CheckHost.Build(settings, caller, MintChannel.Cli, environment, configureSecrets);
        try
        {
            var link = await services.GetRequiredService<LinkMintingService>()
                .MintAsync(new MintRequest(settings.Mailboxes[0], LoginKind.Webmail, caller, MintChannel.Cli) { Locale = settings.Locale }, cancellationToken)
                .ConfigureAwait(false);
            await error.WriteLineAsync($"Login link for {link.Target} (a secret: whoever opens it is logged in; single use, until {link.ExpiresAt:u}):").ConfigureAwait(false);
            await output.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
            return Passed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync("error: " + WorkflowCommands.Plain(ex.Message)).ConfigureAwait(false);
            return ex is MintValidationException ? BadUsage : CheckFailed;
        }
    }

    internal static async Task<int> DemoAsync(bool json, bool keepRunning, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
        await progress.WriteLineAsync($"Started the built-in cPanel emulator (WHM {emulator.WhmUri}, Webmail {emulator.WebmailUri}).").ConfigureAwait(false);
        await progress.WriteLineAsync($"Checking {string.Join(", ", settings.Mailboxes)} (bob's logins are suspended in the demo data, so his check fails on purpose):")
            .ConfigureAwait(false);
        var caller = new CallerIdentity(CallerKind.Name, "demo");
        var commands = new WorkflowCommands(progress, new Dictionary<string, string>());
        await using var services = CheckHost.Build(settings, caller, MintChannel.Cli, environment);
        await RunCheckAsync(services, settings, caller, MintChannel.Cli, json, output, error, environment, commands, cancellationToken).ConfigureAwait(false);

        var link = await services.GetRequiredService<LinkMintingService>()
            .MintAsync(new MintRequest(DefaultSeed.AliceAddress, LoginKind.Webmail, caller, MintChannel.Cli), cancellationToken).ConfigureAwait(false);
        await progress.WriteLineAsync($"A fresh login link for {link.Target} on the emulator (in real use a link is a secret; this one is demo data):").ConfigureAwait(false);
        await progress.WriteLineAsync(link.LoginLink.Reveal()).ConfigureAwait(false);
        var alice = emulator.Sessions.Count(s => s.User == DefaultSeed.AliceAddress && s.Used);
        if (keepRunning)
        {
            await progress.WriteLineAsync("The emulator keeps running; press Ctrl-C to stop.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return alice == 1 ? Passed : CheckFailed;
    }
}

internal sealed record ResultDto(string Mailbox, bool Ok, long LatencyMs, string? ErrorClass, string? Message);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<ResultDto>))]
internal sealed partial class ActionJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
