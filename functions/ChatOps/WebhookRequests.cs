using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CpanelSessionOps.Audit;
using CpanelSessionOps.ChatOps;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Functions.Api;
using CpanelSessionOps.Functions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;
using RequestBody = CpanelSessionOps.AspNetCore.Internal.RequestBody;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// What the three webhooks share before and around a command: the opening (<see cref="ReadSignedAsync"/>: the body within
/// its limit, the signing secret, where a configuration problem is a 503, audited, and the platform's signature), the
/// replay claim (<see cref="ClaimAsync"/>, <see cref="ClaimOnceAsync"/>), refusals of unsigned, stale, replayed or malformed
/// requests (401 or 400, audited), de-duplication keys, and the JSON answers.
/// </summary>
internal sealed partial class WebhookRequests(
    SecretStore secrets, IAuditTrail audit, IWebhookDeduplicator deliveries, TimeProvider timeProvider, ILogger<WebhookRequests> logger)
{
    private const int MaxBody = 64 * 1024;

    /// <summary>
    /// The opening every webhook has: the request's correlation id, its body within the size limit, the signing secret
    /// named by the setting <paramref name="setting"/> (its value <paramref name="configured"/>), and the platform's signature
    /// over the raw body, checked by <paramref name="verify"/> (secret, body). <see cref="SignedWebhook.Rejection"/> is the
    /// answer when the request may go no further: 503 when the secret cannot be had, 401 when the body is too large or the
    /// signature does not verify; both audited.
    /// </summary>
    public async Task<SignedWebhook> ReadSignedAsync(
        HttpRequest request, MintChannel channel, string setting, string? configured, Func<string, byte[], bool> verify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(verify);
        var correlationId = HttpResponseDefaults.CorrelationId(request);
        var body = await RequestBody.ReadAsync(request, MaxBody, cancellationToken).ConfigureAwait(false);
        var (secret, unavailable) = await SecretAsync(setting, configured, channel, correlationId, cancellationToken).ConfigureAwait(false);
        if (unavailable is not null)
        {
            return new SignedWebhook(correlationId, [], unavailable);
        }

        return body is null || !verify(secret!, body)
            ? new SignedWebhook(correlationId, [], await RefuseAsync(channel, correlationId, "signature").ConfigureAwait(false))
            : new SignedWebhook(correlationId, body, null);
    }

    /// <summary>Claims <paramref name="key"/> (see <see cref="IWebhookDeduplicator.TryClaimAsync"/>): null when this request
    /// is the first with it (the caller then completes or releases the claim), otherwise the replay's refusal (401, audited).</summary>
    public async Task<IActionResult?> ClaimAsync(MintChannel channel, string correlationId, string key, TimeSpan retention, CancellationToken cancellationToken) =>
        await deliveries.TryClaimAsync(key, retention, cancellationToken).ConfigureAwait(false)
            ? null
            : await RefuseAsync(channel, correlationId, "replay").ConfigureAwait(false);

    /// <summary>As <see cref="ClaimAsync"/>, and the claim recorded as handled at once: for a platform that never resends a
    /// request (Slack's slash commands, Teams' outgoing webhooks), a repeat is a replay whatever becomes of the first.</summary>
    public async Task<IActionResult?> ClaimOnceAsync(MintChannel channel, string correlationId, string key, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(channel, correlationId, key, retention, cancellationToken).ConfigureAwait(false) is { } replay)
        {
            return replay;
        }

        await deliveries.CompleteAsync(key, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>A webhook secret, or the answer to give when it cannot be had (a configuration problem: 503, audited, the
    /// setting and reference named in the log, never the value).</summary>
    private async Task<(string? Secret, IActionResult? Unavailable)> SecretAsync(
        string setting, string? configured, MintChannel channel, string correlationId, CancellationToken cancellationToken)
    {
        string errorClass;
        if (!SecretReference.TryParse(configured, out var reference, out _))
        {
            LogSecretNotConfigured(logger, setting);
            errorClass = "not-configured";
        }
        else
        {
            try
            {
                return ((await secrets.GetAsync(reference, cancellationToken).ConfigureAwait(false)).Reveal(), null);
            }
            catch (SecretStoreException ex)
            {
                LogSecretUnavailable(logger, setting, reference.ToString(), ex.Failure);
                errorClass = ex.ErrorCode;
            }
        }

        await AuditAsync(channel, correlationId, errorClass).ConfigureAwait(false);
        return (null, new ProblemResult(ProblemMapper.Create("not-configured", 503, "This webhook is not configured.",
            $"ChatOps:{setting} is missing or cannot be read; the app's log names the reference and what is wrong.", correlationId, 60)));
    }

    /// <summary>401 for a request that is not signed by the platform (<c>signature</c>, <c>stale</c>) or was already handled (<c>replay</c>).</summary>
    public async Task<IActionResult> RefuseAsync(MintChannel channel, string correlationId, string errorClass)
    {
        await AuditAsync(channel, correlationId, errorClass).ConfigureAwait(false);
        return new ProblemResult(errorClass == "replay"
            ? ProblemMapper.Create("replayed", 401, "The request was already handled.",
                "A signed request is handled once; a replay (the same signed body again) is refused.", correlationId)
            : ProblemMapper.Create("bad-signature", 401, "The request is not signed by the platform.",
                "Unsigned, badly signed, stale or replayed requests are refused.", correlationId));
    }

    /// <summary>400 for a signed request that is not what the platform sends; <paramref name="detail"/> says what is wrong.</summary>
    public async Task<IActionResult> MalformedAsync(MintChannel channel, string correlationId, string detail)
    {
        await AuditAsync(channel, correlationId, "malformed").ConfigureAwait(false);
        return new ProblemResult(ProblemMapper.Create("malformed-webhook", 400, "The signed request is not what the platform sends.", detail, correlationId));
    }

    /// <summary>A de-duplication key: the platform and a hash of what its signature covers (fixed length, safe in any store).</summary>
    public static string Key(string platform, string signed) =>
        platform + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed)));

    public static JsonApiResult<JsonObject> Json(int status, string correlationId, JsonObject body) =>
        new(status, correlationId, body, ChatJsonContext.Default.JsonObject);

    private Task<Exception?> AuditAsync(MintChannel channel, string correlationId, string errorClass) =>
        audit.RecordAsync(new AuditRecord(timeProvider.GetUtcNow(), "unverified", channel, LoginKind.Webmail, "", null, AuditOutcome.Refused,
            errorClass, null, correlationId, TimeSpan.Zero), CancellationToken.None);

    [LoggerMessage(3, LogLevel.Error, "ChatOps:{Setting} is not set or is not a secret reference; the webhook refuses every request until it is")]
    private static partial void LogSecretNotConfigured(ILogger logger, string setting);

    [LoggerMessage(4, LogLevel.Error, "ChatOps:{Setting} ({Reference}) could not be read: {Failure}")]
    private static partial void LogSecretUnavailable(ILogger logger, string setting, string reference, SecretFailure failure);
}
