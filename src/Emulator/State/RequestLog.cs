using System.Collections.Concurrent;

namespace CpanelSessionOps.Emulator.State;

/// <summary>The most recent requests, newest last, bounded in size.</summary>
public sealed class RequestLog
{
    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "pass", "session", "token", "api_token", "otp",
    };

    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<RequestLogEntry, bool> Match, TaskCompletionSource<RequestLogEntry> Logged)> _waiters = [];
    private readonly int _capacity;
    private long _total;
    private int _waiting;

    internal RequestLog(int capacity) => _capacity = capacity;

    /// <summary>How many requests were logged since start, including those no longer kept.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The kept entries, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => [.. _entries];

    /// <summary>
    /// Waits until a request that <paramref name="match"/> accepts has been logged, one already kept included, and returns its
    /// entry. An answered request is logged before its answer is sent (so a client that has the answer finds it logged); a
    /// dropped one (<see cref="RequestLogEntry.StatusCode"/> 0, e.g. the client gave up while a
    /// <see cref="Faults.FaultKind.Latency"/> fault held it) when the emulator notices.
    /// </summary>
    /// <param name="match">Which entry to wait for.</param>
    /// <param name="cancellationToken">Stops waiting (a test's hang guard).</param>
    public async Task<RequestLogEntry> WaitForAsync(Func<RequestLogEntry, bool> match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var waiter = (Match: match, Logged: new TaskCompletionSource<RequestLogEntry>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _waiters.Add(waiter);
            Interlocked.Increment(ref _waiting);
        }

        try
        {
            // Registered first, then the kept entries: an entry logged meanwhile is seen by one or the other.
            if (_entries.FirstOrDefault(match) is { } kept)
            {
                return kept;
            }

            return await waiter.Logged.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        Interlocked.Increment(ref _total);
        while (_entries.Count > _capacity && _entries.TryDequeue(out _))
        {
        }

        // The lock only while someone waits: serving requests stays lock-free. (Interlocked above is a full fence, so a
        // waiter registered before this read is seen, and one registered after it finds the entry among the kept ones.)
        if (Volatile.Read(ref _waiting) > 0)
        {
            lock (_gate)
            {
                foreach (var (match, logged) in _waiters)
                {
                    if (match(entry))
                    {
                        logged.TrySetResult(entry);
                    }
                }
            }
        }
    }

    /// <summary>A URL (a <c>Referer</c>) with the values of secret query parameters replaced; null for none.</summary>
    internal static string? RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = fragment < 0 ? url : url[..fragment];
        var query = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? withoutFragment : Redact(withoutFragment[..query], withoutFragment[query..]);
    }

    /// <summary>Replaces the values of secret query parameters with <c>[redacted]</c>.</summary>
    internal static string Redact(string path, string query)
    {
        if (query.Length <= 1)
        {
            return path;
        }

        var parts = query[1..].Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? parts[i] : parts[i][..equals]);
            if (equals >= 0 && SecretParameters.Contains(name))
            {
                parts[i] = parts[i][..equals] + "=[redacted]";
            }
        }

        return path + "?" + string.Join('&', parts);
    }
}
