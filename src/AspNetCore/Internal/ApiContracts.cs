using System.Text.Json.Serialization;

namespace CpanelSessionOps.AspNetCore.Internal;

/// <summary><c>POST /api/webmail/sessions</c> body.</summary>
internal sealed record WebmailSessionRequest(string? Email, string? Locale, string? RemoteAddress);

/// <summary><c>POST /api/cpanel/sessions</c> body.</summary>
internal sealed record CpanelSessionRequest(string? User, string? Locale);

/// <summary>The POST alternative to the link: post <see cref="Body"/> to <see cref="Action"/> as a form.</summary>
internal sealed record LoginForm(string Method, string Action, string ContentType, string Body);

/// <summary>A minted login (201).</summary>
internal sealed record SessionResponse(string LoginUrl, LoginForm Form, DateTimeOffset ExpiresAt, string? Mailbox, string? User, string Server, string CorrelationId);

/// <summary>The anonymous health answer: <c>healthy</c> or <c>unhealthy</c>, nothing about which part failed.</summary>
internal sealed record HealthSummary(CpanelSessionOps.Fleet.FleetHealthStatus Status);

/// <summary>RFC 9457 problem details, with per-field errors for validation problems.</summary>
internal sealed record Problem(
    string Type, string Title, int Status, string Detail, string CorrelationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RetryAfterSeconds = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WebmailSessionRequest))]
[JsonSerializable(typeof(CpanelSessionRequest))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(CpanelSessionOps.Fleet.FleetHealthReport))]
[JsonSerializable(typeof(HealthSummary))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
