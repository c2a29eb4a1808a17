using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action;

/// <summary>
/// A check's human report, written while the check runs: each result as soon as every mailbox given before it has its
/// own, so the lines come in the order the mailboxes were given and a result is held only while an earlier one is still
/// being checked. A failure is printed once (inside Actions as the annotation); mailboxes skipped after a refused
/// credential, and refusals repeating one already shown, are summed up on one line at the end. On a terminal a live
/// count follows the last line.
/// </summary>
internal sealed class CheckReport
{
    private readonly Lock _lock = new();
    private readonly TextWriter _report;
    private readonly WorkflowCommands _commands;
    private readonly bool _annotate;
    private readonly bool _live;
    private readonly Dictionary<string, int> _positions;
    private readonly MailboxCheckResult?[] _waiting;
    private readonly bool _inGivenOrder;
    private readonly HashSet<string> _shownRefusals = new(StringComparer.Ordinal);
    private int _next;
    private int _done;
    private int _failed;
    private int _skipped;
    private int _countLength;

    /// <param name="report">Where the report goes (standard error when standard output carries JSON).</param>
    /// <param name="commands">Workflow commands, for annotations.</param>
    /// <param name="mailboxes">The mailboxes in the order given.</param>
    /// <param name="annotate">Print failures as workflow error annotations (the Action inside GitHub Actions).</param>
    /// <param name="live">Keep a live count on the last line (a terminal).</param>
    public CheckReport(TextWriter report, WorkflowCommands commands, IReadOnlyList<string> mailboxes, bool annotate, bool live)
    {
        (_report, _commands, _annotate, _live) = (report, commands, annotate, live);
        _positions = new Dictionary<string, int>(mailboxes.Count, StringComparer.Ordinal);
        _inGivenOrder = true;
        for (var i = 0; i < mailboxes.Count; i++)
        {
            // The lists the program reads have no duplicates; one given twice is reported at the end, in order.
            _inGivenOrder &= _positions.TryAdd(mailboxes[i], i);
        }

        _waiting = new MailboxCheckResult?[mailboxes.Count];
    }

    /// <summary>Whether a server's certificate was refused (so the command adds how to trust it).</summary>
    public bool CertificateRefused { get; private set; }

    /// <summary>Takes one result, from any thread, and writes every line that is now due.</summary>
    public void Add(MailboxCheckResult result)
    {
        lock (_lock)
        {
            _done++;
            _failed += result.Ok ? 0 : 1;
            if (!_inGivenOrder || !_positions.TryGetValue(result.Mailbox, out var position))
            {
                return;
            }

            _waiting[position] = result;
            var erase = _live ? "\r" + new string(' ', _countLength) + "\r" : "";
            while (_next < _waiting.Length && _waiting[_next] is { } due)
            {
                _waiting[_next++] = null;
                if (Line(due) is { } line)
                {
                    _report.WriteLine(erase + line);
                    erase = "";
                }
            }

            if (_live)
            {
                var count = $"\r  {_done} of {_waiting.Length} checked, {_failed} failed ";
                _countLength = count.Length - 1;
                _report.Write(count);
            }
        }
    }

    /// <summary>Ends the report once every result is in: the lines not yet written (when the order could not be followed
    /// as results came), and the line that sums up the skipped mailboxes.</summary>
    public async Task CompleteAsync(IReadOnlyList<MailboxCheckResult> results)
    {
        if (_live)
        {
            await _report.WriteLineAsync().ConfigureAwait(false);
        }

        if (!_inGivenOrder)
        {
            foreach (var result in results)
            {
                if (Line(result) is { } line)
                {
                    await _report.WriteLineAsync(line).ConfigureAwait(false);
                }
            }
        }

        if (_skipped > 0)
        {
            await _report.WriteLineAsync($"✗ {_skipped} more {(_skipped == 1 ? "mailbox" : "mailboxes")} {MailboxCheckResult.CredentialRefusedMessage}")
                .ConfigureAwait(false);
        }
    }

    /// <summary>The line for one result, or null when it is an annotation or summed up at the end.</summary>
    private string? Line(MailboxCheckResult result)
    {
        if (result.Ok)
        {
            return $"✓ {WorkflowCommands.Plain(result.Mailbox)} ({(long)result.Latency.TotalMilliseconds} ms)";
        }

        CertificateRefused |= result.ErrorClass == "transport" && result.Message?.Contains("certificate", StringComparison.Ordinal) == true;
        if (result.NotChecked || (result.ErrorClass == "authentication" && !_shownRefusals.Add(result.Message ?? "")))
        {
            _skipped++;
            return null;
        }

        if (_annotate)
        {
            _commands.Error($"Webmail check failed: {result.Mailbox}", $"{result.ErrorClass}: {result.Message}");
            return null;
        }

        return $"✗ {WorkflowCommands.Plain(result.Mailbox)}: {result.ErrorClass}: {WorkflowCommands.Plain(result.Message ?? "")}";
    }
}
