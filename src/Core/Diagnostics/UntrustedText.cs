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

        // The common case, on every mint: nothing to replace or cut, so the text itself is the answer (no copy). Printable
        // ASCII (a vectorised check) holds no forging character; anything else is looked at rune by rune.
        if (value.Length <= maxLength && (!value.AsSpan().ContainsAnyExceptInRange(' ', '~') || !NeedsReplacing(value)))
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        Span<char> utf16 = stackalloc char[2];
        // EnumerateRunes yields U+FFFD for an unpaired surrogate.
        foreach (var rune in value.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            if (IsForging(rune))
            {
                builder.Append(Replacement);
            }
            else
            {
                builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether a character of <paramref name="value"/> is forging or an unpaired surrogate (which reads as U+FFFD).</summary>
    private static bool NeedsReplacing(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            // A U+FFFD may stand for an unpaired surrogate: let the slow path decide.
            if (rune.Value == Replacement || IsForging(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="rune"/> could change how surrounding text reads: controls, format characters
    /// (bidi, zero-width, soft hyphen, BOM), line and paragraph separators, private-use and unassigned code points.</summary>
    public static bool IsForging(Rune rune) =>
        Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
