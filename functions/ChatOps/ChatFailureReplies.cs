using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The one table from a failure to what the chat says about it, for every platform: a refused or failed mint by its
/// <see cref="ErrorClass"/> (one row each), a check that did not open the mailbox, work that could not finish in time or be
/// queued. Rekey it here, nowhere else.
/// </summary>
internal static class ChatFailureReplies
{
    /// <summary>What the chat says about a mint that was refused or failed: the class's headline and the failure's
    /// <paramref name="detail"/> (its message, which may quote cPanel), inert.</summary>
    public static string ForMinting(ErrorClass errorClass, string detail, ChatFlavor flavor, string helpText) => errorClass switch
    {
        ErrorClass.Validation => Reply(flavor, "The request is invalid.", "Fix the fields named in errors.") + " " + helpText,
        ErrorClass.Forbidden => Reply(flavor, "Refused by policy.", detail),
        ErrorClass.RateLimited => Reply(flavor, "Too many requests.", detail),
        ErrorClass.NotManaged => Reply(flavor, "Not managed here.", detail),
        ErrorClass.NotFound => Reply(flavor, "No such mailbox or user.", detail),
        ErrorClass.Suspended => Reply(flavor, "Logins are suspended.", detail),
        ErrorClass.CpanelRefused => Reply(flavor, "cPanel refused the request.", detail),
        ErrorClass.CpanelAuthentication => Reply(flavor, "cPanel refused the request.", detail),
        ErrorClass.CpanelProtocol => Reply(flavor, "cPanel refused the request.", detail),
        ErrorClass.CpanelTimeout => Reply(flavor, "cPanel did not answer in time.", detail),
        ErrorClass.CpanelUnavailable => Reply(flavor, "cPanel is unavailable.", detail),
        ErrorClass.CredentialsUnavailable => Reply(flavor, "The server's credential could not be read.", detail),
        ErrorClass.SharedStateUnavailable => Reply(flavor, "The shared rate-limit store is unavailable.", detail),
        ErrorClass.AuditUnavailable => Reply(flavor, "The audit trail is unavailable.", detail),
        ErrorClass.NotConfigured => Reply(flavor, "The fleet is not configured for this.", detail),
        _ => throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "An error class without a chat reply: give it its row."),
    };

    /// <summary>A check that did not open the mailbox: its error code and cPanel's (or our) message, inert.</summary>
    public static ChatReply ForCheck(string address, MailboxCheckResult result, ChatFlavor flavor) =>
        new(false, $"❌ Webmail for {ChatText.Code(address, flavor)} did not open ({result.ErrorClass}): {ChatText.Code(result.Message, flavor)}");

    /// <summary>Teams waits about 5 seconds: a check that takes longer is stopped and the user asked to try again.</summary>
    public static ChatReply StillChecking(string address, ChatFlavor flavor) =>
        new(false, $"⏳ Still checking {ChatText.Code(address, flavor)}: cPanel is slow to answer. Try again in a minute.");

    /// <summary>A slow Slack command whose work could not be put on the queue: nothing will follow.</summary>
    public static ChatReply NotQueued { get; } =
        new(false, "❌ The answer is taking long and could not be queued for later. Try again in a minute.");

    // The headline is ours; the detail may quote cPanel, so it goes inert into a code span.
    private static string Reply(ChatFlavor flavor, string headline, string detail) => $"❌ {headline} {ChatText.Code(detail, flavor)}";
}
