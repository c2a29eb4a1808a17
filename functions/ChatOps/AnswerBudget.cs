namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// Runs chat work within the time a platform waits for its answer (Teams about 5 seconds, Slack 3). Past the budget the
/// work is stopped and waited for until it has ended: its requests to cPanel are dropped at once (the token reaches every
/// call), and nothing of it runs after the answer, when the Functions host may stop the instance or dispose the app's
/// services (Polly's pipelines wait, on the app's clock, for executions still running).
/// </summary>
internal static class AnswerBudget
{
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

        await ((Task)running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (running.IsCompletedSuccessfully)
        {
            return running.Result;
        }

        _ = running.Exception;
        return null;
    }
}
