using CpanelSessionOps.Checks;
using CpanelSessionOps.Functions.Api;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>
/// The one table from a failure to what the chat says about it, for every platform: a refused or failed mint, a check
/// that did not open the mailbox, work that could not finish in time or be queued. Keyed today by what minting throws
/// (through the API's problem mapping) and by the check's error class; rekey it here, nowhere else.
/// </summary>
internal static class ChatFailureReplies
{
    private static readonly Dictionary<string, string> NoFieldNames = [];

    /// <summary>A mint that was refused or failed, or null when <paramref name="exception"/> is not a minting failure.</summary>
    public static ChatReply? ForMinting(Exception exception, ChatFlavor flavor, string correlationId, string helpText)
    {
        if (ProblemMapper.FromException(exception, correlationId, NoFieldNames) is not { } problem)
        {
            return null;
        }

        var help = problem.Type.EndsWith(":validation", StringComparison.Ordinal) ? " " + helpText : "";
        return new ChatReply(false, $"❌ {problem.Title} {ChatText.Code(problem.Detail, flavor)}{help}");
    }

    /// <summary>A check that did not open the mailbox: its error class and cPanel's (or our) message, inert.</summary>
    public static ChatReply ForCheck(string address, MailboxCheckResult result, ChatFlavor flavor) =>
        new(false, $"❌ Webmail for {ChatText.Code(address, flavor)} did not open ({result.ErrorClass}): {ChatText.Code(result.Message, flavor)}");

    /// <summary>Teams waits about 5 seconds: a check that takes longer is stopped and the user asked to try again.</summary>
    public static ChatReply StillChecking(string address, ChatFlavor flavor) =>
        new(false, $"⏳ Still checking {ChatText.Code(address, flavor)}: cPanel is slow to answer. Try again in a minute.");

    /// <summary>A slow Slack command whose work could not be put on the queue: nothing will follow.</summary>
    public static ChatReply NotQueued { get; } =
        new(false, "❌ The answer is taking long and could not be queued for later. Try again in a minute.");
}
