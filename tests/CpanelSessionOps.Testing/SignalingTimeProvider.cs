using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CpanelSessionOps.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells the test each time the code under test sets a timer (a retry's wait, a
/// timeout), so the test moves fake time after the timer exists instead of sleeping or polling in real time.
/// </summary>
public sealed class SignalingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer whose due time <paramref name="matches"/> has been set, and returns that due time.
    /// The one-minute guard only keeps a broken test from hanging; it is never a timing assumption.</summary>
    public async Task<TimeSpan> NextTimerAsync(Func<TimeSpan, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var dueTime = await _timers.Reader.ReadAsync(hangGuard.Token);
            if (matches(dueTime))
            {
                return dueTime;
            }
        }
    }
}
