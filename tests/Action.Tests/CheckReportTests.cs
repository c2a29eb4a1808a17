using CpanelSessionOps.Checks;

namespace CpanelSessionOps.Action.Tests;

/// <summary>The check's report is written while the check runs, in the order the mailboxes were given (issue #21).</summary>
public sealed class CheckReportTests
{
    private static MailboxCheckResult Passed(string mailbox) => new(mailbox, true, TimeSpan.FromMilliseconds(12), null, "opened.");

    private static MailboxCheckResult Failed(string mailbox, string errorClass = "api") => new(mailbox, false, TimeSpan.FromMilliseconds(5), errorClass, "suspended.");

    private static (CheckReport Report, StringWriter Text) Create(IReadOnlyList<string> mailboxes)
    {
        var text = new StringWriter();
        return (new CheckReport(text, new WorkflowCommands(text, new Dictionary<string, string>()), mailboxes, annotate: false, live: false), text);
    }

    private static string[] Lines(StringWriter text) => text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void Add_ResultsOutOfOrder_EachIsWrittenOnceEveryEarlierMailboxHasItsOwn()
    {
        var (report, text) = Create(["a@example.com", "b@example.com", "c@example.com"]);

        report.Add(Passed("b@example.com"));
        Assert.Empty(Lines(text));

        report.Add(Failed("a@example.com"));
        Assert.Equal(["✗ a@example.com: api: suspended.", "✓ b@example.com (12 ms)"], Lines(text));

        report.Add(Passed("c@example.com"));
        Assert.Equal(3, Lines(text).Length);
        Assert.Equal("✓ c@example.com (12 ms)", Lines(text)[2]);
    }

    [Fact]
    public async Task CompleteAsync_RepeatedRefusalsAndSkippedMailboxes_AreSummedUpOnOneLineAtTheEnd()
    {
        var (report, text) = Create(["a@example.com", "b@example.com", "c@example.com"]);
        MailboxCheckResult[] results =
        [
            Failed("a@example.com", "authentication"),
            Failed("b@example.com", "authentication"),
            new("c@example.com", false, TimeSpan.Zero, "authentication", MailboxCheckResult.CredentialRefusedMessage) { NotChecked = true },
        ];
        foreach (var result in results)
        {
            report.Add(result);
        }

        await report.CompleteAsync(results);

        Assert.Equal(["✗ a@example.com: authentication: suspended.", "✗ 2 more mailboxes not checked: the credential was refused."], Lines(text));
    }

    [Fact]
    public async Task CompleteAsync_AMailboxGivenTwice_ReportsEveryResultInOrderAtTheEnd()
    {
        var (report, text) = Create(["a@example.com", "a@example.com"]);
        MailboxCheckResult[] results = [Passed("a@example.com"), Failed("a@example.com")];

        report.Add(results[1]);
        report.Add(results[0]);
        await report.CompleteAsync(results);

        Assert.Equal(["✓ a@example.com (12 ms)", "✗ a@example.com: api: suspended."], Lines(text));
    }

    [Fact]
    public void Add_CertificateRefused_IsRemembered()
    {
        var (report, _) = Create(["a@example.com"]);

        report.Add(new MailboxCheckResult("a@example.com", false, TimeSpan.Zero, "transport", "the server's certificate matches no pinned fingerprint."));

        Assert.True(report.CertificateRefused);
    }
}
