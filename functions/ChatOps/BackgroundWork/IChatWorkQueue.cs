namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>Where chat work is put for the queue-triggered function, and where work that cannot succeed ends.</summary>
internal interface IChatWorkQueue
{
    /// <summary>Adds <paramref name="item"/> to the work queue.</summary>
    Task EnqueueAsync(ChatWorkItem item, CancellationToken cancellationToken = default);

    /// <summary>Puts a message that will never succeed on the poison queue, as it came.</summary>
    Task SendToPoisonAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="exception"/> says the queue could not be reached (storage, network or identity), so
    /// nothing was queued: the webhooks answer that instead of failing.</summary>
    static bool IsUnreachable(Exception exception) =>
        exception is Azure.RequestFailedException or HttpRequestException or Azure.Identity.AuthenticationFailedException;
}
