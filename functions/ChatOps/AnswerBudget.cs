namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Runs chat work within the time a platform waits for its answer (Teams about 5 seconds, Slack 3). Past the budget the
/// work is stopped and waited for until it has ended: its requests to cPanel are dropped at once (the token reaches every
/// call), and nothing of it runs after the answer, when the Functions host may stop the instance or dispose the app's
/// services (Polly's pipelines wait, on the app's clock, for executions still running). The wait for stopped work is
/// itself bounded by <see cref="StopGrace"/>: work that does not end by then (a slow audit-table write, which is not
/// cancelled so that the attempt stays on record) is left to finish, and the platform still gets its answer in time.
/// </summary>
internal static class AnswerBudget
{
    /// <summary>How long stopped work may take to end before the answer goes without it: the budgets' limits (Teams 4.5 s,
    /// Slack's 2.5 s default) plus this stay under the platforms' 5 and 3 seconds.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(250);

    /// <summary>The work's reply when it ends within <paramref name="budget"/> (or as the budget runs out); null when it was
    /// stopped. A failure within the budget is thrown as the work threw it; past the budget the work's failure or
    /// cancellation is what stopping it means, and gives null.</summary>
    public static async Task<ChatReply?> RunAsync(
        TimeSpan budget, TimeProvider timeProvider, Func<CancellationToken, Task<ChatReply>> work, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(budget, timeProvider, stop.Token);
        var running = work(stop.Token);
        var first = await Task.WhenAny(running, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        if (first == running)
        {
            return await running.ConfigureAwait(false);
        }

        using (var graceOver = new CancellationTokenSource())
        {
            var grace = Task.Delay(StopGrace, timeProvider, graceOver.Token);
            if (await Task.WhenAny(running, grace).ConfigureAwait(false) != running)
            {
                // Still ending: answer now; its failure (the cancellation) is observed when it comes.
                _ = running.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return null;
            }

            await graceOver.CancelAsync().ConfigureAwait(false);
        }

        await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (running.IsCompletedSuccessfully)
        {
            return running.Result;
        }

        _ = running.Exception;
        return null;
    }
}
