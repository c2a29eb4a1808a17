using System.Globalization;
using System.Text;
using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action;

/// <summary>
/// The check's report as GitHub-flavoured Markdown for the job summary, the check run and the pull-request comment.
/// Text from outside (cPanel's messages, mailbox names) goes into code spans, where Markdown makes no links, images,
/// HTML, mentions or emphasis, so a message cannot turn into a live link; pipes are escaped so a cell stays a cell.
/// Where GitHub caps the length, the table is cut (failures kept first) with a note pointing at the full job summary.
/// </summary>
internal static partial class ReportMarkdown
{
    /// <summary>GitHub's limit on a check run's <c>output.summary</c> (REST description, checks/create and checks/update).</summary>
    public const int CheckRunSummaryLimit = 65_535;

    /// <summary>GitHub's limit on an issue or pull-request comment body.</summary>
    public const int CommentLimit = 65_536;

    public static string Title(IReadOnlyList<MailboxCheckResult> results) =>
        $"{results.Count(r => r.Ok)} of {results.Count} mailboxes opened";

    /// <summary>The whole report, or as much as fits in <paramref name="maxLength"/> characters with a note that links
    /// <paramref name="fullReportUrl"/> (the run's page, whose job summary has every row).</summary>
    public static string Render(IReadOnlyList<MailboxCheckResult> results, int maxLength = int.MaxValue, string? fullReportUrl = null)
    {
        var header = Header(results);
        var rows = results.Select(Row).ToList();
        if (header.Length + rows.Sum(r => r.Length) <= maxLength)
        {
            return header + string.Concat(rows);
        }

        // Too long for GitHub: the failures matter most, so they come first; then as many passes as fit.
        var ordered = results.Select((result, index) => (result, row: rows[index])).OrderBy(r => r.result.Ok).ToList();
        var text = new StringBuilder(header);
        var shown = 0;
        foreach (var (_, row) in ordered)
        {
            var note = Note(ordered.Skip(shown + 1).Count(r => !r.result.Ok), ordered.Count - shown - 1, maxLength, fullReportUrl);
            if (text.Length + row.Length + note.Length > maxLength)
            {
                break;
            }

            text.Append(row);
            shown++;
        }

        var hidden = ordered.Skip(shown).ToList();
        return text.Append(Note(hidden.Count(r => !r.result.Ok), hidden.Count, maxLength, fullReportUrl)).ToString();
    }

    /// <summary>The whole report written row by row (the job summary, which has no length limit), never held as one string.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<MailboxCheckResult> results)
    {
        writer.Write(Header(results));
        foreach (var result in results)
        {
            writer.Write(Row(result));
        }
    }

    private static string Header(IReadOnlyList<MailboxCheckResult> results) =>
        "### cPanel webmail check\n\n" + Title(results) + ".\n\n| Mailbox | Result | Time | Details |\n|---|---|---:|---|\n";

    /// <summary>Untrusted text as an inline code span: one line, pipes escaped for tables, a backtick fence longer than
    /// any backtick run inside.</summary>
    public static string Literal(string? value)
    {
        var text = (value ?? "").Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
        if (text.Trim().Length == 0)
        {
            return "";
        }

        var longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = text[0] is '`' or ' ' || text[^1] is '`' or ' ' ? " " : "";
        return fence + pad + text + pad + fence;
    }

    private static string Row(MailboxCheckResult result) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {Mailbox(result.Mailbox)} | {(result.Ok ? "✅ passed" : "❌ " + WorkflowCommands.Cell(result.ErrorClass))} | {(long)result.Latency.TotalMilliseconds} ms | {Literal(result.Message)} |\n");

    /// <summary>A plain address as itself (GitHub may make it a mailto link, as it would anywhere); anything else
    /// (a mistyped or hostile entry echoed back) as a code span.</summary>
    private static string Mailbox(string mailbox) => PlainAddress().IsMatch(mailbox) ? mailbox : Literal(mailbox);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+$")]
    private static partial System.Text.RegularExpressions.Regex PlainAddress();

    private static string Note(int failedHidden, int hidden, int maxLength, string? fullReportUrl)
    {
        if (hidden == 0)
        {
            return "";
        }

        var where = fullReportUrl is null ? "in this run's job summary" : $"in the [job summary of this run]({fullReportUrl})";
        return string.Create(CultureInfo.InvariantCulture,
            $"\n_{hidden} more mailboxes ({failedHidden} of them failed) are not shown: GitHub takes at most {maxLength:N0} characters here. Every mailbox is listed {where}._\n");
    }
}
