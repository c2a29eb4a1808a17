namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>
/// The Storage queue chat commands are worked off in the background (section <c>BackgroundWork</c>): Slack commands that
/// miss <see cref="ChatOpsOptions.SlackInlineBudget"/> and every GitHub comment command. The queue trigger reads the same
/// queue through the Functions host's storage (<c>AzureWebJobsStorage</c>): both must name the same account.
/// </summary>
public sealed class BackgroundWorkOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "BackgroundWork";

    /// <summary>The work queue: 3 to 56 lower-case letters, digits and single hyphens (its poison queue adds <c>-poison</c>).
    /// Default <c>chatops-work</c>.</summary>
    public string QueueName { get; set; } = "chatops-work";

    /// <summary>The account's queue endpoint (<c>https://ACCOUNT.queue.core.windows.net/</c>), reached with the app's
    /// identity (DefaultAzureCredential; the identity needs Storage Queue Data Contributor).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>A connection string instead of <see cref="QueueServiceUri"/>: Azurite (<c>UseDevelopmentStorage=true</c>) for local runs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How many times a message is tried before it goes to the poison queue with an audit record; default 5. Keep it
    /// at or below host.json's <c>extensions.queues.maxDequeueCount</c>, so the app, not the host, poisons it.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The poison queue's name: the work queue's with <c>-poison</c>, as the Functions host names it.</summary>
    internal string PoisonQueueName => QueueName + "-poison";
}
