using System.Text.RegularExpressions;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>The chat webhooks (section <c>ChatOps</c>) and their background work (section <c>BackgroundWork</c>).</summary>
internal static partial class ChatOpsServiceCollectionExtensions
{
    public static IServiceCollection AddChatOps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ChatOpsOptions>().Bind(configuration.GetSection("ChatOps"))
            .Validate(static o => o.TeamsBudget > TimeSpan.Zero && o.TeamsBudget <= TimeSpan.FromMilliseconds(4500),
                "ChatOps:TeamsBudget must be more than 00:00:00 and at most 00:00:04.5: Teams gives up on an answer after about 5 seconds.");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOpsOptions>, ChatOpsOptionsValidator>());
        services.AddOptionsWithValidateOnStart<BackgroundWorkOptions>().Bind(configuration.GetSection(BackgroundWorkOptions.SectionName))
            .Validate(static o => o.QueueName is { Length: >= 3 and <= 56 } name && QueueName().IsMatch(name),
                "BackgroundWork:QueueName must be 3 to 56 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (e.g. chatops-work).")
            .Validate(static o => o.QueueServiceUri is { IsAbsoluteUri: true } uri ? uri.Scheme == Uri.UriSchemeHttps : !string.IsNullOrWhiteSpace(o.ConnectionString),
                "BackgroundWork:QueueServiceUri (https://ACCOUNT.queue.core.windows.net/, reached with the app's identity) or BackgroundWork:ConnectionString " +
                "(UseDevelopmentStorage=true for Azurite) is required: slow Slack commands and GitHub commands are worked off that queue.")
            .Validate(static o => o.MaxDequeueCount is >= 1 and <= 20, "BackgroundWork:MaxDequeueCount must be 1 to 20 (default 5).");

        // In memory: right for one instance. A shared store (issue #17) replaces it for a scaled-out app.
        services.TryAddSingleton<IWebhookDeduplicator, InMemoryWebhookDeduplicator>();
        services.AddSingleton<GitHubAppTokenProvider>();
        services.AddSingleton<GitHubReplyClient>();
        services.AddSingleton<SlackResponseClient>();
        services.AddSingleton<WebhookRequests>();
        services.AddSingleton<ChatCommandRunner>();
        services.AddSingleton<SlackCommandHandler>();
        services.AddSingleton<TeamsWebhookHandler>();
        services.AddSingleton<GitHubWebhookHandler>();
        services.TryAddSingleton<IChatWorkQueue, StorageChatWorkQueue>();
        services.AddSingleton<ChatWorkProcessor>();

        // A response_url answer carries a login link: no redirect may take it elsewhere, and the URL (a capability) is not logged.
        services.AddHttpClient(SlackResponseClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            })
            .RemoveAllLoggers();
        return services;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex QueueName();
}
