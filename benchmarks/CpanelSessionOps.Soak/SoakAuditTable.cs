using Azure;
using CpanelSessionOps.Audit;

namespace CpanelSessionOps.Soak;

/// <summary>
/// The audit table as the soak sees it: records kept per attempt (so each attempt's records can be counted), and outages
/// by write number (writes <see cref="OutageStart"/> to <see cref="OutageStart"/> + <see cref="OutageLength"/> of every
/// <see cref="OutageEvery"/> fail with 503, as an unreachable table does), so the same run always loses the same number.
/// </summary>
internal sealed class SoakAuditTable(int attempts) : IAuditSink
{
    public const int OutageEvery = 2_500;
    public const int OutageStart = 1_000;
    public const int OutageLength = 150;

    private readonly int[] _stored = new int[attempts];
    private readonly AuditOutcome[] _outcomes = new AuditOutcome[attempts];
    private long _writes;
    private long _refused;
    private long _foreign;

    /// <summary>Writes refused because the table was down.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Records whose correlation id names no attempt of this run.</summary>
    public long Foreign => Interlocked.Read(ref _foreign);

    public int StoredFor(int attempt) => Volatile.Read(ref _stored[attempt]);

    public AuditOutcome OutcomeOf(int attempt) => _outcomes[attempt];

    public Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var write = Interlocked.Increment(ref _writes);
        if ((write % OutageEvery) is >= OutageStart and < OutageStart + OutageLength)
        {
            Interlocked.Increment(ref _refused);
            throw new RequestFailedException(503, "The table service is unavailable.", "ServerBusy", null);
        }

        if (SoakRun.AttemptOf(record.CorrelationId) is { } attempt && attempt < _stored.Length)
        {
            _outcomes[attempt] = record.Outcome;
            Interlocked.Increment(ref _stored[attempt]);
        }
        else
        {
            Interlocked.Increment(ref _foreign);
        }

        return Task.CompletedTask;
    }
}
