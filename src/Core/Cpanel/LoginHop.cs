namespace CpanelSessionOps.Cpanel;

/// <summary>One request of a login check. Carries no secret: the path is without its query (a login URL's query holds the session).</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Path">The path requested, without the query.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="Duration">Time for the request and its answer.</param>
public sealed record LoginHop(string Method, string Path, int StatusCode, TimeSpan Duration);
