using System.Text.Json.Serialization;
using CpanelSessionOps.Credentials;

namespace CpanelSessionOps.Fleet;

/// <summary>Whether a server's credential could be read: <see cref="Ok"/>, or the <see cref="SecretFailure"/> that stopped it.
/// In JSON the lower-case name (<c>ok</c>, <c>notfound</c>, <c>permissiondenied</c>, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SecretHealthStatus>))]
public enum SecretHealthStatus
{
    /// <summary>The secret was read.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary><see cref="SecretFailure.NotFound"/>.</summary>
    [JsonStringEnumMemberName("notfound")]
    NotFound,

    /// <summary><see cref="SecretFailure.PermissionDenied"/>.</summary>
    [JsonStringEnumMemberName("permissiondenied")]
    PermissionDenied,

    /// <summary><see cref="SecretFailure.Unreachable"/>.</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,

    /// <summary><see cref="SecretFailure.Throttled"/>.</summary>
    [JsonStringEnumMemberName("throttled")]
    Throttled,

    /// <summary><see cref="SecretFailure.Misconfigured"/>.</summary>
    [JsonStringEnumMemberName("misconfigured")]
    Misconfigured,
}
