using CpanelSessionOps.Links;
using CpanelSessionOps.Policy;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary>The one table from failures to RFC 9457 problems, each with a stable <c>type</c>: one row per <see cref="ErrorClass"/>.</summary>
internal static class ProblemMapper
{
    public const string TypePrefix = "urn:cpanel-session-ops:problem:";

    public static Problem Validation(string correlationId, IReadOnlyDictionary<string, string[]> errors) =>
        new(TypePrefix + "validation", "The request is invalid.", 400, "Fix the fields named in errors.", correlationId, errors);

    public static Problem Create(string type, int status, string title, string detail, string correlationId, int? retryAfter = null) =>
        new(TypePrefix + type, title, status, detail, correlationId, RetryAfterSeconds: retryAfter);

    /// <summary>Maps what the minting service threw; null for anything unexpected (let it surface as a 500 and be logged).</summary>
    public static Problem? FromException(Exception exception, string correlationId, IReadOnlyDictionary<string, string> fieldNames) =>
        exception is CpanelSessionOpsException failure
            ? ForClass(failure.ErrorClass, failure.Message, correlationId, (failure as MintRefusedException)?.RetryAfter,
                (failure as MintValidationException)?.Errors.ToDictionary(e => fieldNames.GetValueOrDefault(e.Key, e.Key), e => e.Value, StringComparer.Ordinal))
            : null;

    /// <summary>The table: one row per error class.</summary>
    internal static Problem ForClass(
        ErrorClass errorClass, string detail, string correlationId, TimeSpan? retryAfter = null, IReadOnlyDictionary<string, string[]>? errors = null) => errorClass switch
        {
            ErrorClass.Validation => Validation(correlationId, errors ?? new Dictionary<string, string[]>()),
            ErrorClass.RateLimited => Create("rate-limited", 429, "Too many requests.", detail, correlationId, (int)Math.Ceiling(retryAfter?.TotalSeconds ?? 60)),
            ErrorClass.Forbidden => Create("forbidden", 403, "Refused by policy.", detail, correlationId),
            ErrorClass.NotManaged => Create("not-managed", 404, "Not managed here.", detail, correlationId),
            ErrorClass.NotFound => Create("not-found", 404, "No such mailbox or user.", detail, correlationId),
            ErrorClass.Suspended => Create("suspended", 409, "Logins are suspended.", detail, correlationId),
            ErrorClass.CpanelTimeout => Create("cpanel-timeout", 504, "cPanel did not answer in time.", detail, correlationId),
            ErrorClass.CpanelUnavailable => Create("cpanel-unavailable", 503, "cPanel is unavailable.", detail, correlationId, 30),
            ErrorClass.CpanelRefused => Create("cpanel-refused", 502, "cPanel refused the request.", detail, correlationId),
            ErrorClass.CpanelAuthentication => Create("cpanel-refused", 502, "cPanel refused the request.", detail, correlationId),
            ErrorClass.CpanelProtocol => Create("cpanel-refused", 502, "cPanel refused the request.", detail, correlationId),
            ErrorClass.CredentialsUnavailable => Create("credentials-unavailable", 503, "The server's credential could not be read.", detail, correlationId, 30),
            ErrorClass.SharedStateUnavailable => Create("shared-state-unavailable", 503, "The shared rate-limit store is unavailable.", detail, correlationId, 30),
            ErrorClass.AuditUnavailable => Create("audit-unavailable", 503, "The audit trail is unavailable.", detail, correlationId, 30),
            ErrorClass.NotConfigured => Create("not-configured", 503, "The fleet is not configured for this.", detail, correlationId),
            _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "An error class without a problem: give it its row."),
        };
}
