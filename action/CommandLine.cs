using System.CommandLine;
using CpanelSessionOps.Cpanel;

namespace CpanelSessionOps.Action;

/// <summary>
/// The command line: <c>check</c>, <c>mint</c> and <c>demo</c>, their options, and one reading of the options shared by
/// <c>check</c> and <c>mint</c> into <see cref="CheckSettings"/> (validated as the Action's inputs are). Usage errors
/// exit 2 and are printed escaped, never as given.
/// </summary>
internal static class CommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command they name.</summary>
    public static async Task<int> InvokeAsync(string[] args, CommandContext context)
    {
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine's own messages quote the raw argument: print them escaped, never as given.
            foreach (var problem in parsed.Errors)
            {
                await context.Error.WriteLineAsync("error: " + WorkflowCommands.Plain(problem.Message)).ConfigureAwait(false);
            }

            var command = parsed.CommandResult.Command == root ? "" : parsed.CommandResult.Command.Name + " ";
            await context.Error.WriteLineAsync($"See `{command}--help` for the options.").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error }, context.CancellationToken).ConfigureAwait(false);
    }

    private static ResultFormat Format(string? value) => value == "json" ? ResultFormat.Json : ResultFormat.Text;

    private static RootCommand Build(CommandContext context)
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
                var state = !context.Environment.TryGetValue(variable, out var value) ? "is not set" : value.Trim().Length == 0 ? "is empty" : null;
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
                CpanelPort = CheckSettings.Int(parse.GetValue(cpanelPort), CpanelServer.DefaultCpanelPort, (int.MinValue, int.MaxValue), "--cpanel-port", problems),
                WhmPort = CheckSettings.Int(parse.GetValue(whmPort), CpanelServer.DefaultWhmPort, (int.MinValue, int.MaxValue), "--whm-port", problems),
                WebmailPort = CheckSettings.Int(parse.GetValue(webmailPort), CpanelServer.DefaultWebmailPort, (int.MinValue, int.MaxValue), "--webmail-port", problems),
                CertificatePins = parse.GetValue(pins) ?? [],
                CaBundle = parse.GetValue(caBundle),
                FleetFile = parse.GetValue(fleet),
                Auth = CheckSettings.AuthKind(parse.GetValue(auth), "--auth", problems),
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
                await context.Error.WriteLineAsync("error: " + problem).ConfigureAwait(false);
            }

            return problems.Count > 0;
        }

        var cliCaller = new CallerIdentity(CallerKind.Name, context.Environment.GetValueOrDefault("USER") is { Length: > 0 } user ? user : "cli");
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
                return ExitCodes.BadUsage;
            }

            return await new CheckCommand(context with { CancellationToken = ct }, settings, cliCaller, MintChannel.Cli, Format(parse.GetValue(outputFormat)))
                .RunAsync().ConfigureAwait(false);
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
                ? ExitCodes.BadUsage
                : await new MintCommand(context with { CancellationToken = ct }, settings, cliCaller).RunAsync().ConfigureAwait(false);
        });

        var keepRunning = new Option<bool>("--keep-running")
        {
            Description = "Keep the emulator running after the demo until Ctrl-C, so the printed link can be opened (the default on a terminal: until Enter).",
        };
        var demo = new Command("demo", "Start the built-in cPanel emulator, mint and verify a webmail session, print the link and the report.") { outputFormat, keepRunning };
        demo.SetAction((parse, ct) => new DemoCommand(context with { CancellationToken = ct }, Format(parse.GetValue(outputFormat)), parse.GetValue(keepRunning)).RunAsync());

        return new RootCommand("CpanelSessionOps: mint and verify cPanel webmail sessions (also runs as a GitHub Action).") { check, mint, demo };
    }
}
