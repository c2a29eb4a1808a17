using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says when a timer of a given length was started, so a test advances time
/// only once the code under test waits on it (an explicit signal, never a real-time wait).
/// </summary>
public sealed class SignallingTimeProvider(DateTimeOffset start, TimeSpan watched) : TimeProvider
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake { get; } = new(start);

    /// <summary>Completes when a timer of the watched length starts (a hang guard of 30 s).</summary>
    public Task WatchedTimerStarted => _started.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime == watched)
        {
            _started.TrySetResult();
        }

        return timer;
    }
}
