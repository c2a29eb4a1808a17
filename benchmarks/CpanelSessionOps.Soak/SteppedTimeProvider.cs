namespace CpanelSessionOps.Soak;

/// <summary>
/// Real time, plus jumps the soak makes on purpose (so that cached secrets expire at chosen attempts, not at chosen
/// seconds). Timers, delays and timestamps stay real: retries and timeouts behave as in production.
/// </summary>
internal sealed class SteppedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
