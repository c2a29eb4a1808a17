namespace CpanelSessionOps.Emulator.State;

/// <summary>One request the emulator answered. Secrets are redacted: no credential, session string or password.</summary>
/// <param name="Timestamp">When the request arrived, by the emulator's clock.</param>
/// <param name="Port">Which listener took it: <c>cpanel</c>, <c>whm</c> or <c>webmail</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query, with the values of secret parameters replaced by <c>[redacted]</c>.</param>
/// <param name="Function">The API function or <c>login</c>, when there is one.</param>
/// <param name="AuthenticatedUser">Who the request authenticated as, when it did.</param>
/// <param name="StatusCode">The HTTP status answered, or 0 when the connection was dropped.</param>
public sealed record RequestLogEntry(
    DateTimeOffset Timestamp, string Port, string Method, string Target, string? Function, string? AuthenticatedUser, int StatusCode)
{
    /// <summary>The request's <c>Referer</c>, when it sent one, with secret query values replaced by <c>[redacted]</c>: a
    /// page that leaks a session into its referrer shows up here as <c>session=[redacted]</c>.</summary>
    public string? Referer { get; init; }
}
