using CpanelSessionOps.Audit;
using CpanelSessionOps.Core.Tests.Support;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Core.Tests.Audit;

public sealed class AuditTrailTests
{
    public static TheoryData<string> Forging() =>
    [
        "alice\u202e@example.com", "alice\u2066x\u2069@example.com", "ali\u200bce@example.com", "alice\u200d@example.com", "alice\ufeff@example.com",
        "alice\u00ad@example.com", "alice\u2028@example.com", "alice\u2029@example.com", "alice\r\n@example.com", "alice\u0085@example.com",
        "alice\u061c@example.com", "alice\u200e@example.com", "alice\u200f@example.com", "alice\u2060@example.com", "alice\ud800@example.com",
    ];

    [Theory]
    [MemberData(nameof(Forging))]
    public async Task RecordAsync_BidiInvisibleOrLineBreakingCharacters_AreNeutralisedInTheSinkAndTheLog(string forged)
    {
        var logs = new FakeLogCollector();
        var sink = new CollectingAuditSink();
        var trail = new AuditTrail([sink], Options.Create(new AuditOptions()), new FakeLogger<AuditTrail>(logs));

        await trail.RecordAsync(new AuditRecord(DateTimeOffset.UtcNow, "slack:" + forged, MintChannel.Slack, LoginKind.Webmail, forged, null,
            AuditOutcome.Refused, "validation", forged, "corr-1", TimeSpan.Zero), CancellationToken.None);

        var stored = Assert.Single(sink.Records);
        var logged = Assert.Single(logs.GetSnapshot());
        var texts = new[] { stored.Caller, stored.Target, stored.EndUserAddress!, logged.Message }
            .Concat(logged.StructuredState!.Select(kv => kv.Value ?? ""));
        Assert.All(texts, text => Assert.DoesNotContain(text, c => IsForging(c)));
        Assert.Contains('\uFFFD', stored.Target);
    }

    private static bool IsForging(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator;
}
