namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>Thrown by the queue trigger so the host leaves the message for another attempt (the answer could not be posted
/// yet; the reason is already logged and audited).</summary>
#pragma warning disable CA1032 // Only ever thrown with this message: the other constructors would make it say something else.
internal sealed class ChatWorkRetryException() : Exception("The chat answer could not be posted yet; the message is tried again.");
#pragma warning restore CA1032
