using Azure.Core;
using Azure.Identity;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CpanelSessionOps.Action;

/// <summary>
/// Core wired for one check: the server (or fleet file) from the settings, the token from the environment or Key Vault,
/// and a policy that lets this run's caller mint exactly the mailboxes it was asked to check.
/// </summary>
internal static class CheckHost
{
    public static ServiceProvider Build(CheckSettings settings, CallerIdentity caller, MintChannel channel, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets = null, Action<string>? mask = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
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
                    Auth = settings.Auth == "cpanel-token" ? FleetAuthKind.CpanelToken : FleetAuthKind.WhmToken,
                    UserName = settings.UserName,
                    Secret = settings.SecretReference,
                };
                fleet.Routes.Add(new DomainRouteOptions { Domain = "*", Server = settings.Server! });
            });
        }

        var credential = FederatedCredential(settings, environment, mask);
        services.Configure<SecretStoreOptions>(secrets =>
        {
            secrets.ReadEnvironmentVariable = name => environment.GetValueOrDefault(name);
            secrets.TokenCredential = credential;
            configureSecrets?.Invoke(secrets);
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
                Targets = [.. settings.Mailboxes.Select(m => m.Replace("*", "", StringComparison.Ordinal))],
                Channels = [channel],
            });
            policy.CallerLimit = Math.Max(30, settings.Mailboxes.Count * 2);
        });
        return services.BuildServiceProvider();
    }

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
