using System.Text.Json;
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
/// and a policy that lets this run's caller mint exactly the mailboxes it was asked to check.
/// </summary>
internal static class CheckHost
{
    public static ServiceProvider Build(CheckSettings settings, CallerIdentity caller, MintChannel channel, IReadOnlyDictionary<string, string> environment,
        Action<SecretStoreOptions>? configureSecrets = null)
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

        services.Configure<SecretStoreOptions>(secrets =>
        {
            secrets.ReadEnvironmentVariable = name => environment.GetValueOrDefault(name);
            secrets.TokenCredential = FederatedCredential(settings, environment);
            configureSecrets?.Invoke(secrets);
        });
        services.AddCpanelClient(o =>
        {
            o.TotalTimeout = settings.Timeout;
            o.AttemptTimeout = settings.Timeout < TimeSpan.FromSeconds(10) ? settings.Timeout : TimeSpan.FromSeconds(10);
            o.LoginTimeout = settings.Timeout;
        });
        services.AddCpanelLinkMinting(policy =>
        {
            policy.Rules.Add(new MintPolicyRule
            {
                Name = channel == MintChannel.Action ? "this workflow's check" : "this command's check",
                Callers = [caller.ToString()],
                Targets = [.. settings.Mailboxes.Select(m => m.Replace("*", "", StringComparison.Ordinal))],
                Channels = [channel],
            });
            policy.CallerLimit = Math.Max(30, settings.Mailboxes.Count * 2);
        }, static _ => { });
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// GitHub's OIDC token exchanged for an Azure token (a federated credential on the app registration), when the
    /// workflow grants <c>id-token: write</c> and names the client and tenant; otherwise null (DefaultAzureCredential).
    /// </summary>
    internal static TokenCredential? FederatedCredential(CheckSettings settings, IReadOnlyDictionary<string, string> environment)
    {
        if (settings.ClientId is not { } clientId || settings.TenantId is not { } tenantId ||
            environment.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_URL") is not { Length: > 0 } url ||
            environment.GetValueOrDefault("ACTIONS_ID_TOKEN_REQUEST_TOKEN") is not { Length: > 0 } requestToken)
        {
            return null;
        }

        return new ClientAssertionCredential(tenantId, clientId, cancellationToken => FetchGitHubOidcTokenAsync(url, requestToken, cancellationToken));
    }

    /// <summary>Asks the Actions runtime for this job's OIDC token, with the audience Entra ID expects for token exchange.</summary>
    internal static async Task<string> FetchGitHubOidcTokenAsync(string requestUrl, string requestToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            requestUrl + (requestUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "audience=" + Uri.EscapeDataString("api://AzureADTokenExchange"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", requestToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"GitHub's OIDC token request answered HTTP {(int)response.StatusCode}; grant the job `permissions: id-token: write`.");
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("value").GetString()!;
    }
}
