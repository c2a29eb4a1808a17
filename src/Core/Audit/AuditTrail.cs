using System.Diagnostics;
using CpanelSessionOps.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Audit;

/// <summary>
/// Records every mint attempt: always as a structured log event, and in every registered <see cref="IAuditSink"/>.
/// A sink failure is never silent: it is logged (with the record) and counted, and <see cref="RecordAsync"/> reports it
/// so a mint can fail closed.
/// </summary>
internal sealed partial class AuditTrail(IEnumerable<IAuditSink> sinks, IOptions<AuditOptions> options, ILogger<AuditTrail> logger) : IAuditTrail
{
    private readonly IAuditSink[] _sinks = [.. sinks];

    /// <summary>What to do with a mint when a sink fails.</summary>
    public AuditFailureMode FailureMode { get; } = options.Value.FailureMode;

    /// <summary>Logs and stores the record; returns the first sink failure, or null when every sink took it.</summary>
    public async Task<Exception?> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        // Whoever built the record, what reaches the log and the sinks cannot forge lines or reorder text (bidi, invisible characters).
        var caller = UntrustedText.Neutralise(record.Caller);
        var target = UntrustedText.Neutralise(record.Target);
        var server = record.Server is null ? null : UntrustedText.Neutralise(record.Server);
        var errorClass = record.ErrorClass is null ? null : UntrustedText.Neutralise(record.ErrorClass);
        var endUser = record.EndUserAddress is null ? null : UntrustedText.Neutralise(record.EndUserAddress);
        var correlationId = UntrustedText.Neutralise(record.CorrelationId, CorrelationIds.MaxLength);
        // Neutralise returns clean text as it is: copy the record only when something was replaced or cut.
        if (!ReferenceEquals(caller, record.Caller) || !ReferenceEquals(target, record.Target) || !ReferenceEquals(server, record.Server) ||
            !ReferenceEquals(errorClass, record.ErrorClass) || !ReferenceEquals(endUser, record.EndUserAddress) ||
            !ReferenceEquals(correlationId, record.CorrelationId))
        {
            record = record with
            {
                Caller = caller,
                Target = target,
                Server = server,
                ErrorClass = errorClass,
                EndUserAddress = endUser,
                CorrelationId = correlationId,
            };
        }

        LogRecord(logger, record.Outcome, record.Caller, record.Channel, record.Kind, record.Target, record.Server, record.ErrorClass,
            record.EndUserAddress, record.CorrelationId, (long)record.Duration.TotalMilliseconds);
        Exception? failure = null;
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure ??= ex;
                CpanelSessionOpsTelemetry.AuditFailures.Add(1, new TagList { { "sink", sink.GetType().Name }, { "mode", FailureMode.ToString() } });
                LogSinkFailed(logger, sink.GetType().Name, record.CorrelationId, FailureMode, ex.GetType().Name, ex.Message);
            }
        }

        return failure;
    }

    [LoggerMessage(1, LogLevel.Information,
        "Audit: {Outcome} {Kind} link for {Target} by {Caller} over {Channel} on {Server} ({ErrorClass}), end user {EndUserAddress}, correlation {CorrelationId}, {DurationMs} ms")]
    private static partial void LogRecord(ILogger logger, AuditOutcome outcome, string caller, MintChannel channel, LoginKind kind, string target,
        string? server, string? errorClass, string? endUserAddress, string correlationId, long durationMs);

    [LoggerMessage(2, LogLevel.Error, "Audit sink {Sink} lost the record of {CorrelationId} ({Mode}): {ErrorType}: {Reason}")]
    private static partial void LogSinkFailed(ILogger logger, string sink, string correlationId, AuditFailureMode mode, string errorType, string reason);
}
