using System.Globalization;
using System.Text;

namespace CpanelSessionOps.Diagnostics;

/// <summary>
/// Makes untrusted text safe to write into logs and audit records: bounded, and every character that could forge what a
/// reader sees (control characters such as CR/LF, bidi overrides and isolates, zero-width and other invisible format
/// characters, line and paragraph separators, unpaired surrogates) replaced by U+FFFD.
/// </summary>
public static class UntrustedText
{
    /// <summary>The replacement for a neutralised character.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary><paramref name="value"/> with forging characters replaced and cut to <paramref name="maxLength"/> characters; "" for null.</summary>
    public static string Neutralise(string? value, int maxLength = 256)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        // EnumerateRunes yields U+FFFD for an unpaired surrogate.
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            builder.Append(IsForging(rune) ? Replacement.ToString() : rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="rune"/> could change how surrounding text reads: controls, format characters
    /// (bidi, zero-width, soft hyphen, BOM), line and paragraph separators, private-use and unassigned code points.</summary>
    public static bool IsForging(Rune rune) =>
        Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
