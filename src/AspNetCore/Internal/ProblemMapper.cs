using CpanelSessionOps.Audit;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials;
using CpanelSessionOps.Fleet;
using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>The one table from failures to RFC 9457 problems, each with a stable <c>type</c>.</summary>
internal static class ProblemMapper
{
    public const string TypePrefix = "urn:cpanel-session-ops:problem:";

    public static Problem Validation(string correlationId, IReadOnlyDictionary<string, string[]> errors) =>
        new(TypePrefix + "validation", "The request is invalid.", 400, "Fix the fields named in errors.", correlationId, errors);

    public static Problem Create(string type, int status, string title, string detail, string correlationId, int? retryAfter = null) =>
        new(TypePrefix + type, title, status, detail, correlationId, RetryAfterSeconds: retryAfter);

    /// <summary>Maps what the minting service threw; null for anything unexpected (let it surface as a 500 and be logged).</summary>
    public static Problem? FromException(Exception exception, string correlationId, IReadOnlyDictionary<string, string> fieldNames) => exception switch
    {
        MintValidationException validation => Validation(correlationId,
            validation.Errors.ToDictionary(e => fieldNames.GetValueOrDefault(e.Key, e.Key), e => e.Value, StringComparer.Ordinal)),
        MintRefusedException { Reason: RefusalReason.RateLimited } limited =>
            Create("rate-limited", 429, "Too many requests.", limited.Message, correlationId, (int)Math.Ceiling(limited.RetryAfter?.TotalSeconds ?? 60)),
        MintRefusedException refused => Create("forbidden", 403, "Refused by policy.", refused.Message, correlationId),
        DomainNotManagedException notManaged => Create("not-managed", 404, "Not managed here.", notManaged.Message, correlationId),
        CpanelApiException { Kind: CpanelErrorKind.UserNotFound } =>
            Create("not-found", 404, "No such mailbox or user.", exception.Message, correlationId),
        CpanelApiException { Kind: CpanelErrorKind.Suspended } =>
            Create("suspended", 409, "Logins are suspended.", exception.Message, correlationId),
        CpanelTransportException { Failure: CpanelTransportFailure.Timeout } timeout =>
            Create("cpanel-timeout", 504, "cPanel did not answer in time.", timeout.Message, correlationId),
        CpanelTransportException unavailable => Create("cpanel-unavailable", 503, "cPanel is unavailable.", unavailable.Message, correlationId, 30),
        CpanelException refused => Create("cpanel-refused", 502, "cPanel refused the request.", refused.Message, correlationId),
        SecretStoreException secret => Create("credentials-unavailable", 503, "The server's credential could not be read.", secret.Message, correlationId, 30),
        CpanelSessionOps.SharedState.SharedStateUnavailableException sharedState =>
            Create("shared-state-unavailable", 503, "The shared rate-limit store is unavailable.", sharedState.Message, correlationId, 30),
        AuditUnavailableException audit => Create("audit-unavailable", 503, "The audit trail is unavailable.", audit.Message, correlationId, 30),
        NotSupportedException unsupported => Create("not-configured", 503, "The fleet is not configured for this.", unsupported.Message, correlationId),
        _ => null,
    };
}
