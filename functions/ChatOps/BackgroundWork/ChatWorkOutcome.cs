namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>How processing a queue message ended; the queue trigger deletes the message for all but <see cref="Retry"/>.</summary>
internal enum ChatWorkOutcome
{
    /// <summary>The answer was posted.</summary>
    Posted,

    /// <summary>The same command was (or is being) processed from another message: nothing posted again.</summary>
    Duplicate,

    /// <summary>The answer could not be posted this time; the message is tried again after its visibility timeout.</summary>
    Retry,

    /// <summary>The message will never succeed (unreadable, undeliverable, or out of attempts): it was put on the poison queue
    /// and audited.</summary>
    Poisoned,
}
