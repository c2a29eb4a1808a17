using System.Text.Json.Serialization;

namespace CpanelSessionOps.Emulator.Faults;

/// <summary>What an injected fault does to a request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Waits <see cref="FaultRule.Delay"/> on the emulator's clock before answering normally; the wait ends
    /// early when the client aborts the request.</summary>
    Latency,

    /// <summary>Answers HTTP 500, as cPanel does for an internal failure.</summary>
    Http500,

    /// <summary>Answers HTTP 503, as cPanel does during an upgrade.</summary>
    Http503,

    /// <summary>Answers HTTP 429 (too many requests), with <c>Retry-After</c> when <see cref="FaultRule.RetryAfterSeconds"/> is set.</summary>
    Http429,

    /// <summary>Drops the connection without an answer.</summary>
    ConnectionReset,

    /// <summary>Answers HTTP 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>Answers HTTP 200 with the cPanel login page instead of JSON.</summary>
    HtmlLoginPage,

    /// <summary>Answers as the API does when it fails on the server side: status 0 with
    /// <c>The request failed. (Error ID: XXXXXX) ...</c> (UAPI), or <c>result: 0</c> with that reason (WHM).</summary>
    RequestFailed,

    /// <summary>Answers <c>307</c> with a session cookie and a <c>Location</c> on another host (<c>https://elsewhere.invalid/</c>):
    /// what a client must not follow with the cookie.</summary>
    RedirectOffOrigin,

    /// <summary>Answers <c>307</c> with a session cookie and a <c>Location</c> back to the same path, for ever (while the fault lasts).</summary>
    RedirectLoop,
}
