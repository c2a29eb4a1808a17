using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CpanelSessionOps.Audit;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ProblemMapper = CpanelSessionOps.AspNetCore.Internal.ProblemMapper;
using RequestBody = CpanelSessionOps.AspNetCore.Internal.RequestBody;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// What the three webhooks share before and around a command: the signing secret (a configuration problem is a 503,
/// audited), the body within its limit, refusals of unsigned, stale, replayed or malformed requests (401 or 400, audited),
/// de-duplication keys, and the JSON answers.
/// </summary>
internal sealed partial class WebhookRequests(SecretStore secrets, IAuditTrail audit, TimeProvider timeProvider, ILogger<WebhookRequests> logger)
{
    private const int MaxBody = 64 * 1024;

    public static Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync(request, MaxBody, cancellationToken);

    /// <summary>A webhook secret, or the answer to give when it cannot be had (a configuration problem: 503, audited, the
    /// setting and reference named in the log, never the value).</summary>
    public async Task<(string? Secret, IActionResult? Unavailable)> SecretAsync(
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
