using System.Security.Cryptography;
using System.Text;

namespace CpanelSessionOps.Action;

/// <summary>
/// GitHub Actions workflow commands and files. Untrusted text (cPanel's messages, mailbox names) is escaped so it cannot
/// start a command of its own; secrets are masked before anything else about them is printed.
/// </summary>
internal sealed class WorkflowCommands(TextWriter output, IReadOnlyDictionary<string, string> environment)
{
    public bool InActions { get; } = environment.GetValueOrDefault("GITHUB_ACTIONS") == "true";

    /// <summary>Escapes a command's message: %, CR and LF, so the text stays on one line and cannot begin a new command.</summary>
    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>Escapes a command property (also : and ,).</summary>
    public static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// Makes untrusted text safe to print on a plain log line: one line (every control character and line or paragraph
    /// separator becomes a space), and no workflow command: the runner trims leading white space before looking for
    /// <c>::</c> and finds the old <c>##[</c> form anywhere, so both are broken up wherever they occur.
    /// </summary>
    public static string Plain(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c);
        }

        var plain = text.ToString();
        while (plain.Contains("::", StringComparison.Ordinal) || plain.Contains("##[", StringComparison.Ordinal))
        {
            plain = plain.Replace("::", ": :", StringComparison.Ordinal).Replace("##[", "## [", StringComparison.Ordinal);
        }

        return plain;
    }

    public void Mask(string secret)
    {
        if (InActions && secret.Length > 0)
        {
            output.WriteLine("::add-mask::" + EscapeData(secret));

            // The runner masks line by line: a value with line breaks (a token saved with a newline) is masked per line too.
            foreach (var line in secret.Split(['\r', '\n', '\0'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.Length >= 4 && line != secret)
                {
                    output.WriteLine("::add-mask::" + EscapeData(line));
                }
            }
        }
    }

    public void Error(string title, string message) =>
        output.WriteLine(InActions ? $"::error title={EscapeProperty(title)}::{EscapeData(message)}" : $"error: {Plain(title)}: {Plain(message)}");

    public void Warning(string message) =>
        output.WriteLine(InActions ? $"::warning::{EscapeData(message)}" : $"warning: {Plain(message)}");

    /// <summary>Appends outputs to <c>$GITHUB_OUTPUT</c>; multi-line values in a heredoc with a random delimiter.</summary>
    public async Task SetOutputsAsync(IEnumerable<(string Name, string Value)> outputs)
    {
        if (environment.GetValueOrDefault("GITHUB_OUTPUT") is not { Length: > 0 } path)
        {
            return;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            var delimiter = "ghadelimiter_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }

        await File.AppendAllTextAsync(path, text.ToString()).ConfigureAwait(false);
    }

    /// <summary>Appends Markdown to <c>$GITHUB_STEP_SUMMARY</c>.</summary>
    public async Task AppendSummaryAsync(string markdown)
    {
        if (environment.GetValueOrDefault("GITHUB_STEP_SUMMARY") is { Length: > 0 } path)
        {
            await File.AppendAllTextAsync(path, markdown).ConfigureAwait(false);
        }
    }

    /// <summary>Markdown-safe table cell: no pipes, no line breaks, no HTML.</summary>
    public static string Cell(string? value) =>
        (value ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
