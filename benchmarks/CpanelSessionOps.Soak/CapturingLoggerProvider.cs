using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace CpanelSessionOps.Soak;

/// <summary>
/// Captures every log line at every level (message, structured values, exception text) and checks it for secrets as it is
/// written, so an hour's run keeps no log in memory: the known secret values, and anything shaped like a cPanel session
/// (<c>/cpsessNNNNNNNNNN</c> tokens, <c>session=</c> values). Counts the audit trail's record events per attempt.
/// </summary>
internal sealed partial class CapturingLoggerProvider(IReadOnlyList<string> secrets, int attempts) : ILoggerProvider
{
    private readonly int[] _auditEvents = new int[attempts];
    private long _lines;
    private long _linesWithSecrets;
    private string? _firstLeak;

    public long Lines => Interlocked.Read(ref _lines);

    public long LinesWithSecrets => Interlocked.Read(ref _linesWithSecrets);

    /// <summary>Where the first leak was (category and event), never the secret itself.</summary>
    public string? FirstLeak => _firstLeak;

    public int AuditEventsFor(int attempt) => Volatile.Read(ref _auditEvents[attempt]);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Whether <paramref name="text"/> holds a secret.</summary>
    public bool HasSecret(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return SessionShaped().IsMatch(text);
    }

    private void Capture(string category, EventId eventId, string message, IReadOnlyList<KeyValuePair<string, object?>>? state, Exception? exception)
    {
        Interlocked.Increment(ref _lines);
        var leak = HasSecret(message) || HasSecret(exception?.ToString());
        string? correlationId = null;
        foreach (var (key, value) in state ?? [])
        {
            var text = value?.ToString();
            leak |= HasSecret(text);
            if (key == "CorrelationId")
            {
                correlationId = text;
            }
        }

        if (leak)
        {
            Interlocked.Increment(ref _linesWithSecrets);
            Interlocked.CompareExchange(ref _firstLeak, $"{category} event {eventId.Id}", null);
        }

        // The audit trail's record event (AuditTrail.LogRecord): one per attempt, whatever its outcome.
        if (eventId.Id == 1 && category.EndsWith(".AuditTrail", StringComparison.Ordinal) && SoakRun.AttemptOf(correlationId) is { } attempt &&
            attempt < _auditEvents.Length)
        {
            Interlocked.Increment(ref _auditEvents[attempt]);
        }
    }

    [GeneratedRegex(@"/cpsess\d{10}|:[A-Za-z0-9_]{16}:[A-Za-z0-9_]+,[0-9a-f]{32}|session=[^&\s""]+")]
    private static partial Regex SessionShaped();

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Capture(category, eventId, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>>, exception);
    }
}
