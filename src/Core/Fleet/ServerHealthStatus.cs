using System.Text.Json.Serialization;

namespace CpanelSessionOps.Fleet;

/// <summary>How one server answered the health probe; in JSON the lower-case, hyphenated name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServerHealthStatus>))]
public enum ServerHealthStatus
{
    /// <summary>It answered HTTPS on its cPanel port (any HTTP answer counts): <c>reachable</c>.</summary>
    [JsonStringEnumMemberName("reachable")]
    Reachable,

    /// <summary>Its certificate is not trusted (pin or CA bundle): <c>untrusted-certificate</c>.</summary>
    [JsonStringEnumMemberName("untrusted-certificate")]
    UntrustedCertificate,

    /// <summary>No answer in time: <c>timeout</c>.</summary>
    [JsonStringEnumMemberName("timeout")]
    Timeout,

    /// <summary>The connection failed: <c>unreachable</c>.</summary>
    [JsonStringEnumMemberName("unreachable")]
    Unreachable,
}
