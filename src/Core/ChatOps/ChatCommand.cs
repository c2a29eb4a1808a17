using System.Text.RegularExpressions;

namespace CpanelSessionOps.ChatOps;

/// <summary>A parsed chat command. Parsing is strict: anything unexpected becomes <see cref="ChatCommandKind.Help"/>.</summary>
/// <param name="Kind">What is asked.</param>
/// <param name="Address">The mailbox, for link and check.</param>
/// <param name="Locale">An optional locale, for link.</param>
public sealed partial record ChatCommand(ChatCommandKind Kind, string? Address = null, string? Locale = null)
{
    /// <summary>Parses the text after the slash command (Slack), or a message with the bot mention removed (Teams).</summary>
    public static ChatCommand Parse(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            ["check", var address] when LooksLikeAddress(address) => new ChatCommand(ChatCommandKind.Check, address),
            [var address] when LooksLikeAddress(address) => new ChatCommand(ChatCommandKind.Link, address),
            [var address, var locale] when LooksLikeAddress(address) && LocalePattern().IsMatch(locale) => new ChatCommand(ChatCommandKind.Link, address, locale),
            _ => new ChatCommand(ChatCommandKind.Help),
        };
    }

    /// <summary>
    /// Parses a Slack slash command's text. With Slack's recommended "Escape channels, users, and links" setting an address
    /// arrives as a link, <c>&lt;mailto:alice@example.com|alice@example.com&gt;</c>: such a word is unwrapped when the link and
    /// its label name the same address. Any other Slack markup is left as it is, so it gets the help text.
    /// </summary>
    public static ChatCommand ParseSlack(string? text) =>
        Parse(string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(UnwrapMailto)));

    private static string UnwrapMailto(string word)
    {
        var match = SlackMailto().Match(word);
        if (!match.Success)
        {
            return word;
        }

        var address = match.Groups["address"].Value;
        var label = match.Groups["label"];
        return !label.Success || string.Equals(label.Value, address, StringComparison.OrdinalIgnoreCase) ? address : word;
    }

    /// <summary>A GitHub comment whose first line is <c>/webmail-check &lt;address&gt;</c>; anything else is not a command (null).</summary>
    public static ChatCommand? ParseGitHubComment(string? body)
    {
        var firstLine = (body ?? "").Split('\n')[0].Trim();
        var words = firstLine.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            ["/webmail-check", var address] when LooksLikeAddress(address) => new ChatCommand(ChatCommandKind.Check, address),
            ["/webmail-check", ..] => new ChatCommand(ChatCommandKind.Help),
            _ => null,
        };
    }

    // Full validation happens in the minting service; this only tells an address from a word, so typos get the help text.
    private static bool LooksLikeAddress(string word) => word.Length <= 254 && AddressPattern().IsMatch(word);

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^<mailto:(?<address>[^|<>\s]+)(\|(?<label>[^|<>\s]+))?>$")]
    private static partial Regex SlackMailto();

    [GeneratedRegex("^[a-z]{2,3}(_[a-z0-9]{2,3})?$")]
    private static partial Regex LocalePattern();
}
