using System.Globalization;
using Octokit;

namespace CpanelSessionOps.Action;

/// <summary>What went wrong with a GitHub request, read once from its answer: the one table from HTTP status and
/// headers to a kind the reporter words its warning for, and whether (and after how long) GitHub says to try again.</summary>
internal sealed record GitHubFailure(GitHubFailureKind Kind, int Status, string? Message, TimeSpan? RetryAfter, DateTimeOffset? ResetAt)
{
    /// <summary>GitHub's advice for a secondary rate limit without <c>retry-after</c>: wait at least a minute.</summary>
    public static readonly TimeSpan SecondaryRateLimitWait = TimeSpan.FromMinutes(1);

    public bool IsRateLimit => Kind is GitHubFailureKind.PrimaryRateLimit or GitHubFailureKind.SecondaryRateLimit or GitHubFailureKind.TooManyRequests;

    /// <summary>How long to wait before the next attempt: retry-after, else until x-ratelimit-reset, else GitHub's minimum.</summary>
    public TimeSpan Wait(DateTimeOffset now) =>
        RetryAfter ?? (ResetAt is { } reset ? (reset > now ? reset - now : TimeSpan.Zero) : SecondaryRateLimitWait);

    /// <summary>Classifies an Octokit exception from its status, headers and message
    /// (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).</summary>
    public static GitHubFailure From(ApiException exception)
    {
        var status = (int)exception.StatusCode;
        var headers = exception.HttpResponse?.Headers;
        string? Header(string name) =>
            headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        TimeSpan? retryAfter = int.TryParse(Header("retry-after"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
        DateTimeOffset? reset = long.TryParse(Header("x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : null;
        var exhausted = Header("x-ratelimit-remaining") == "0";
        var message = exception.ApiError?.Message ?? exception.Message;
        var secondary = message?.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) == true ||
            exception is SecondaryRateLimitExceededException or AbuseException;
        var kind = status switch
        {
            401 => GitHubFailureKind.BadCredentials,
            403 or 429 when secondary => GitHubFailureKind.SecondaryRateLimit,
            403 or 429 when exhausted => GitHubFailureKind.PrimaryRateLimit,
            403 when retryAfter is not null => GitHubFailureKind.SecondaryRateLimit,
            429 => GitHubFailureKind.TooManyRequests,
            403 => GitHubFailureKind.Forbidden,
            404 => GitHubFailureKind.NotFound,
            422 => GitHubFailureKind.Invalid,
            >= 500 => GitHubFailureKind.ServerError,
            _ => GitHubFailureKind.Other,
        };
        return new GitHubFailure(kind, status, message, retryAfter, exhausted ? reset : null);
    }

    /// <summary>A request that got no HTTP answer.</summary>
    public static GitHubFailure Transport(Exception exception) =>
        new(GitHubFailureKind.Transport, 0, exception is TaskCanceledException ? "timed out" : "no answer (" + exception.GetType().Name + ")", null, null);
}

/// <summary>The kinds of GitHub failure the Action words differently.</summary>
internal enum GitHubFailureKind
{
    BadCredentials,
    Forbidden,
    NotFound,
    PrimaryRateLimit,
    SecondaryRateLimit,
    TooManyRequests,
    Invalid,
    ServerError,
    Transport,
    Other,
}
