using CpanelSessionOps.Functions.ChatOps;
using CpanelSessionOps.Testing;

namespace CpanelSessionOps.Functions.Tests;

/// <summary>The time a chat platform waits for its answer: work stopped past the budget is waited for, but only so long.
/// Fake time only; the one-minute guards keep a broken test from hanging.</summary>
public sealed class AnswerBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task RunAsync_WorkWithinTheBudget_AnswersItsReply()
    {
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);

        var reply = await AnswerBudget.RunAsync(Budget, clock, _ => Task.FromResult(new ChatReply(true, "done")), CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(new ChatReply(true, "done"), reply);
    }

    [Fact]
    public async Task RunAsync_StoppedWorkThatEndsAtOnce_IsWaitedForAndGivesNoReply()
    {
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        var ended = false;

        var answering = AnswerBudget.RunAsync(Budget, clock, async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
                return new ChatReply(true, "never");
            }
            finally
            {
                ended = true;
            }
        }, CancellationToken.None);
        await clock.NextTimerAsync(due => due == Budget);
        clock.Advance(Budget);
        var reply = await answering.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Null(reply);
        Assert.True(ended);
    }

    [Fact]
    public async Task RunAsync_StoppedWorkThatDoesNotEnd_AnswersAfterTheGraceWithoutIt()
    {
        // Work that ignores being stopped (an audit write that must not be cancelled, on a slow table): the answer may not
        // wait for it past the grace, or the platform times out.
        var clock = new SignalingTimeProvider(DateTimeOffset.UtcNow);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<ChatReply>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answering = AnswerBudget.RunAsync(Budget, clock, token =>
        {
            token.Register(() => stopped.TrySetResult());
            return release.Task;
        }, CancellationToken.None);
        await clock.NextTimerAsync(due => due == Budget);
        clock.Advance(Budget);
        await stopped.Task.WaitAsync(TimeSpan.FromMinutes(1));
        await clock.NextTimerAsync(due => due == AnswerBudget.StopGrace);
        var answeredBeforeTheGrace = answering.IsCompleted;
        clock.Advance(AnswerBudget.StopGrace);
        var reply = await answering.WaitAsync(TimeSpan.FromMinutes(1));
        release.SetException(new OperationCanceledException());

        Assert.False(answeredBeforeTheGrace);
        Assert.Null(reply);
        Assert.True(AnswerBudget.StopGrace <= TimeSpan.FromMilliseconds(500), "the Teams budget's 4.5 s limit plus the grace must stay under Teams' 5 s");
    }
}
