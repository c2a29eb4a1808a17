using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that never makes a test wait: every timer with a finite due time moves the fake
/// clock forward by that time as soon as it exists, so the code under test sees exactly the wait it asked for, and the
/// test can assert the waits from <see cref="Waits"/>. Nothing depends on real time.
/// </summary>
public sealed class InstantTimeProvider() : FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero))
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);

            // Advanced off this call so the caller has finished setting its timer up when it fires.
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
