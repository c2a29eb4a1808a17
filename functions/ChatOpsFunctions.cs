using Azure.Storage.Queues.Models;
using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;
using CpanelSessionOps.Functions.SharedState;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>POST /api/chatops/slack</c>: the <c>/webmail</c> slash command (the function key goes in the webhook URL as ?code=KEY; the signature is checked too).</summary>
internal sealed class SlackCommandFunction(SlackCommandHandler handler)
{
    [Function("SlackCommand")]
    [ApiResponses(200, 400, 401, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/slack")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}

/// <summary><c>POST /api/chatops/teams</c>: a Teams outgoing webhook (check and help only: channel replies are public).</summary>
internal sealed class TeamsWebhookFunction(TeamsWebhookHandler handler)
{
    [Function("TeamsWebhook")]
    [ApiResponses(200, 400, 401, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/teams")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}

/// <summary><c>POST /api/chatops/github</c>: <c>issue_comment</c> webhooks carrying <c>/webmail-check &lt;address&gt;</c>, queued and answered by <see cref="ChatWorkFunction"/>.</summary>
internal sealed class GitHubWebhookFunction(GitHubWebhookHandler handler)
{
    [Function("GitHubWebhook")]
    [ApiResponses(202, 400, 401, 415, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/github")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}

/// <summary>
/// Works off the chat queue (<c>BackgroundWork:QueueName</c>, in the host's storage account): Slack commands that missed
/// their inline budget and GitHub comment commands. A message left for <see cref="ChatWorkOutcome.Retry"/> is tried again
/// after its visibility timeout; the others are done.
/// </summary>
internal sealed class ChatWorkFunction(ChatWorkProcessor processor)
{
    [Function("ChatWork")]
    public async Task RunAsync([QueueTrigger("%BackgroundWork:QueueName%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await processor.ProcessAsync(message.MessageText, message.DequeueCount, cancellationToken).ConfigureAwait(false) == ChatWorkOutcome.Retry)
        {
            // Throwing is how a queue trigger leaves its message for another attempt.
            throw new ChatWorkRetryException();
        }
    }
}
