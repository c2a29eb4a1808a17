namespace CpanelSessionOps.Emulator.Faults;

/// <summary>One fault to inject into matching requests.</summary>
public sealed record FaultRule
{
    /// <summary>The function name the fault applies to (<c>create_user_session</c>, a UAPI function name,
    /// or <c>login</c> for the login endpoints), or <c>*</c> for every request.</summary>
    public string Function { get; init; } = "*";

    /// <summary>What the fault does.</summary>
    public FaultKind Kind { get; init; }

    /// <summary>How long a <see cref="FaultKind.Latency"/> fault waits.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many requests the fault applies to before it lapses; <see langword="null"/> until cleared.</summary>
    public int? Times { get; init; }

    /// <summary>A <c>Retry-After</c> header, in seconds, for <see cref="FaultKind.Http503"/>; none when null.</summary>
    public int? RetryAfterSeconds { get; init; }
}
