using CpanelSessionOps.Diagnostics;

namespace CpanelSessionOps.Functions.ChatOps;

/// <summary>Where a chat message is rendered.</summary>
internal enum ChatFlavor
{
    /// <summary>Slack mrkdwn: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> must be escaped, or <c>&lt;url|text&gt;</c> is a link.</summary>
    Slack,

    /// <summary>Teams message text: Markdown with some HTML.</summary>
    Teams,

    /// <summary>GitHub-flavoured Markdown.</summary>
    GitHub,
}

/// <summary>
/// Renders text that came from a chat message or a remote system (an address as typed, cPanel's message) inert: one line,
/// forging characters neutralised, inside a code span, where no platform makes links, mentions, HTML or emphasis.
/// </summary>
internal static class ChatText
{
    public static string Code(string? value, ChatFlavor flavor)
    {
        // A backtick would close the span early; a modifier letter grave accent looks the same and closes nothing.
        var text = UntrustedText.Neutralise(value, 300).Replace('`', 'ˋ');
        if (flavor is ChatFlavor.Slack or ChatFlavor.Teams)
        {
            // Slack (and Teams' HTML) read <...> even inside a code span.
            text = text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        }

        return text.Length == 0 ? "` `" : "`" + text + "`";
    }

    public static ChatFlavor For(MintChannel channel) => channel switch
    {
        MintChannel.Slack => ChatFlavor.Slack,
        MintChannel.Teams => ChatFlavor.Teams,
        _ => ChatFlavor.GitHub,
    };
}
