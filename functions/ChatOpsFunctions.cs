using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Functions.SharedState;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CpanelSessionOps.Functions;

/// <summary><c>POST /api/chatops/slack</c>: the <c>/webmail</c> slash command (the function key goes in the webhook URL as ?code=KEY; the signature is checked too).</summary>
internal sealed class SlackCommandFunction(ChatOpsHandler handler)
{
    [Function("SlackCommand")]
    [ApiResponses(200, 400, 401, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/slack")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.SlackAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}

/// <summary><c>POST /api/chatops/teams</c>: a Teams outgoing webhook (check and help only: channel replies are public).</summary>
internal sealed class TeamsWebhookFunction(ChatOpsHandler handler)
{
    [Function("TeamsWebhook")]
    [ApiResponses(200, 400, 401, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/teams")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.TeamsAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}

/// <summary><c>POST /api/chatops/github</c>: <c>issue_comment</c> webhooks carrying <c>/webmail-check &lt;address&gt;</c>.</summary>
internal sealed class GitHubWebhookFunction(ChatOpsHandler handler)
{
    [Function("GitHubWebhook")]
    [ApiResponses(200, 202, 400, 401, 415, 503)]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chatops/github")] HttpRequest request, CancellationToken cancellationToken) =>
        handler.GitHubAsync(request, cancellationToken).OrSharedStateUnavailableAsync(request);
}
