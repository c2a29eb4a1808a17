namespace CpanelSessionOps.Cpanel;

/// <summary>What a login check found, with timings. Carries no secret.</summary>
/// <param name="Succeeded">Whether the login worked and ended on a logged-in page.</param>
/// <param name="Failure">Why not, when it did not.</param>
/// <param name="Detail">A sentence for people, without secrets.</param>
/// <param name="LoginStatusCode">The HTTP status of the login request, when one came.</param>
/// <param name="LoginDuration">Time for the login request.</param>
/// <param name="PageDuration">Time for the requests after the login (the redirects followed), when any were made.</param>
/// <param name="TotalDuration">Time for the whole check.</param>
public sealed record LoginCheckResult(
    bool Succeeded, LoginCheckFailure? Failure, string Detail, int? LoginStatusCode, TimeSpan LoginDuration, TimeSpan? PageDuration, TimeSpan TotalDuration)
{
    /// <summary>Every request made, in order, with its status and time.</summary>
    public IReadOnlyList<LoginHop> Hops { get; init; } = [];
}
