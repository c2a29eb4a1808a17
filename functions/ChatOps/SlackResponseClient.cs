using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>How a post to a Slack <c>response_url</c> ended.</summary>
internal enum SlackDelivery
{
    /// <summary>Slack took it (2xx).</summary>
    Delivered,

    /// <summary>The URL is not https on port 443 to an allowed host: nothing was sent.</summary>
    Refused,

    /// <summary>The host answered a redirect, which is never followed (it would carry the message, link included, elsewhere).</summary>
    Redirected,

    /// <summary>Another status, a timeout or a network failure.</summary>
    Failed,
}

/// <summary>
/// Posts a slow answer to the slash command's <c>response_url</c>: only https on port 443 to a host in
/// <see cref="ChatOpsOptions.SlackResponseHosts"/>, through a client that follows no redirects and keeps no cookies.
/// </summary>
internal sealed partial class SlackResponseClient(IHttpClientFactory httpClients, IOptions<ChatOpsOptions> options, ILogger<SlackResponseClient> logger)
{
    public const string HttpClientName = "CpanelSessionOps.SlackResponse";

    /// <summary>The response_url as a target, or null when it may not be contacted.</summary>
    public Uri? Target(string? responseUrl)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps || target.Port != 443 ||
            target.UserInfo.Length > 0 || target.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var host = target.IdnHost.TrimEnd('.');
        return options.Value.EffectiveSlackResponseHosts.Any(h => string.Equals(h.Trim().TrimEnd('.'), host, StringComparison.OrdinalIgnoreCase)) ? target : null;
    }

    public async Task<SlackDelivery> PostAsync(string? responseUrl, JsonObject message, string correlationId, CancellationToken cancellationToken = default)
    {
        if (Target(responseUrl) is not { } target)
        {
            LogResponseUrlRefused(logger, correlationId);
            return SlackDelivery.Refused;
        }

        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .PostAsJsonAsync(target, message, ChatJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var outcome = status is >= 200 and < 300 ? SlackDelivery.Delivered : status is >= 300 and < 400 ? SlackDelivery.Redirected : SlackDelivery.Failed;
            if (outcome != SlackDelivery.Delivered)
            {
                LogDeliveryFailed(logger, correlationId, outcome, status);
            }

            return outcome;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            LogDeliveryFailed(logger, correlationId, SlackDelivery.Failed, 0);
            return SlackDelivery.Failed;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Slack response_url of {CorrelationId} is not https on port 443 to an allowed host; the answer was not delivered")]
    private static partial void LogResponseUrlRefused(ILogger logger, string correlationId);

    [LoggerMessage(2, LogLevel.Warning, "Slack answer of {CorrelationId} was not delivered: {Outcome} (HTTP {Status})")]
    private static partial void LogDeliveryFailed(ILogger logger, string correlationId, SlackDelivery outcome, int status);
}
