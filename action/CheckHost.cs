using Azure.Core;
using Azure.Identity;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// Core wired for one check: the server (or fleet file) from the settings, the token from the environment or Key Vault,
/// and a policy that lets this run's caller mint on exactly the domains of the mailboxes it was asked to check.
/// </summary>
internal static class CheckHost
{
    /// <summary>Core wired for the run, or null after reporting a configuration problem (a fleet file Core refuses) as an error.</summary>
    public static ServiceProvider? TryBuild(CommandContext context, CheckSettings settings, CallerIdentity caller, MintChannel channel)
    {
        ServiceProvider? services = null;
        try
        {
            services = Build(context, settings, caller, channel);
            _ = services.GetRequiredService<LinkMintingService>();
            _ = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CpanelClientOptions>>().Value;
            return services;
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidDataException or FileNotFoundException or FormatException)
        {
            services?.Dispose();
            var where = settings.FleetFile is { } file ? $"{settings.Name("fleet")} {CheckSettings.Quote(file)}: " : "";
            var problems = ex is Microsoft.Extensions.Options.OptionsValidationException validation ? validation.Failures : [ex.Message];
            foreach (var problem in problems)
            {
                context.Commands.Error("Invalid configuration", where + problem);
            }

            return null;
        }
    }

    /// <summary>Core wired for the run; a configuration Core refuses throws when the services are first resolved.</summary>
    public static ServiceProvider Build(CommandContext context, CheckSettings settings, CallerIdentity caller, MintChannel channel)
    {
        var environment = context.Environment;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(context.Time);
        if (settings.FleetFile is { } fleetFile)
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(fleetFile), optional: false).Build();
            services.AddCpanelFleet(configuration.GetSection("Fleet"));
        }
        else
        {
            services.AddCpanelFleet(fleet =>
            {
                // Named after the host, so Core's messages speak of the server the user gave.
                fleet.Servers[settings.Server!] = new FleetServerOptions
                {
                    Host = settings.Server,
                    CpanelPort = settings.CpanelPort,
                    WhmPort = settings.WhmPort,
                    WebmailPort = settings.WebmailPort,
                    PinnedCertificateSha256 = [.. settings.CertificatePins],
                    CaBundlePath = settings.CaBundle,
                    Auth = settings.Auth,
                    UserName = settings.UserName,
                    Secret = settings.SecretReference,
                };
                fleet.Routes.Add(new DomainRouteOptions { Domain = "*", Server = settings.Server! });
            });
        }

        var credential = FederatedCredential(settings, environment, context.Commands.Mask);
        services.Configure<SecretStoreOptions>(secrets =>
        {
            secrets.ReadEnvironmentVariable = name => environment.GetValueOrDefault(name);
            secrets.TokenCredential = credential;
            context.ConfigureSecrets?.Invoke(secrets);
        });
        services.AddCpanelClient(o =>
        {
            o.TotalTimeout = settings.Timeout;
            o.AttemptTimeout = settings.Timeout < TimeSpan.FromSeconds(10) ? settings.Timeout : TimeSpan.FromSeconds(10);
            o.LoginTimeout = settings.Timeout;
        });
        services.AddCpanelSessionOps().AddDeployChecks().ConfigurePolicy(policy =>
        {
            policy.Rules.Add(new MintPolicyRule
            {
                Name = channel == MintChannel.Action ? "this workflow's check" : "this command's check",
                Callers = [caller.ToString()],
                Targets = [.. TargetPatterns(settings.Mailboxes)],
                Channels = [channel],
            });
            policy.CallerLimit = Math.Max(30, settings.Mailboxes.Count * 2);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The policy's targets for a check: one pattern per domain checked (<c>*@example.com</c>), so the rule (and the policy's
    /// work for each mint) grows with the number of domains, not of mailboxes; a pattern per mailbox made a check of N
    /// mailboxes cost N²/2 pattern matches (issue #21). The run itself mints only the mailboxes given. A <c>*</c> typed
    /// in a mailbox is dropped so it cannot widen the grant (such a mailbox is refused as invalid before the policy is
    /// asked); an entry that is no address stays as it is (it matches nothing and is refused as invalid too).
    /// </summary>
    internal static IEnumerable<string> TargetPatterns(IEnumerable<string> mailboxes) =>
        mailboxes.Select(m => m.Replace("*", "", StringComparison.Ordinal))
            .Select(m => m.LastIndexOf('@') is var at and >= 0 && at < m.Length - 1 ? "*@" + m[(at + 1)..] : m)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// GitHub's OIDC token exchanged for an Azure token (a federated credential on the app registration) when the
    /// workflow names the client and tenant; null without them (DefaultAzureCredential). Named but without the runner's
    /// OIDC variables is an error naming <c>id-token: write</c>: never a silent switch to another identity.
    /// </summary>
    /// <exception cref="InvalidDataException">client-id and tenant-id are given but the job may not request an OIDC token.</exception>
    internal static TokenCredential? FederatedCredential(CheckSettings settings, IReadOnlyDictionary<string, string> environment, Action<string>? mask = null)
    {
        if (settings.ClientId is not { } clientId || settings.TenantId is not { } tenantId)
        {
            return null;
        }

        if (environment.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL") is not { Length: > 0 } url ||
            environment.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_TOKEN") is not { Length: > 0 } requestToken)
        {
            throw new InvalidDataException(
                "inputs client-id and tenant-id are set, but the runner gave this job no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL and " +
                "ACTIONS_ID_TOKEN_REQUEST_TOKEN are missing): add `permissions: id-token: write` to the job. No other Azure identity is tried.");
        }

        var oidc = new GitHubOidcToken(url, requestToken, settings.Audience, mask ?? (static _ => { }));
        return new ClientAssertionCredential(tenantId, clientId, oidc.GetAsync,
            new ClientAssertionCredentialOptions { AuthorityHost = settings.AuthorityHost });
    }
}
