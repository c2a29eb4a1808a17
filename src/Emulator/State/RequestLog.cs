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
    private readonly int _capacity;
    private long _total;

    internal RequestLog(int capacity) => _capacity = capacity;

    /// <summary>How many requests were logged since start, including those no longer kept.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The kept entries, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Entries => [.. _entries];

    internal void Add(RequestLogEntry entry)
    {
        _entries.Enqueue(entry);
        Interlocked.Increment(ref _total);
        while (_entries.Count > _capacity && _entries.TryDequeue(out _))
        {
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
