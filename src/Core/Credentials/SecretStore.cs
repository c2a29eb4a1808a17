using System.Collections.Concurrent;
using System.Diagnostics;
using CpanelSessionOps.Cpanel;
using CpanelSessionOps.Credentials.Internal;
using CpanelSessionOps.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Credentials;

/// <summary>
/// Reads secrets by reference and caches them: a value is reused for <see cref="SecretStoreOptions.CacheDuration"/>;
/// concurrent misses for one secret make one read; when Key Vault fails, the last good value is served for
/// <see cref="SecretStoreOptions.GracePeriod"/> (the failure is logged and counted). Thread-safe.
/// </summary>
public sealed partial class SecretStore
{
    private readonly ConcurrentDictionary<SecretReference, Entry> _entries = new();
    private readonly SecretStoreOptions _options;
    private readonly KeyVaultReader _keyVault;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SecretStore> _logger;

    /// <summary>Creates the store (normally done by dependency injection).</summary>
    public SecretStore(IOptions<SecretStoreOptions> options, TimeProvider timeProvider, ILogger<SecretStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _keyVault = new KeyVaultReader(_options);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The secret's value, from the cache while it is fresh.</summary>
    /// <exception cref="SecretStoreException">It cannot be read and no good value is within the grace period.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the shared read goes on).</exception>
    public Task<SensitiveString> GetAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var entry = _entries.GetOrAdd(reference, static _ => new Entry());
        Task<SensitiveString> read;
        lock (entry.Gate)
        {
            if (entry.Value is { } value && _timeProvider.GetUtcNow() < entry.RefreshAfter)
            {
                // One completed task per value, not one per read.
                return entry.Completed is { } completed && ReferenceEquals(completed.Result, value) ? completed : entry.Completed = Task.FromResult(value);
            }

            read = entry.Reading ??= ReadAndStoreAsync(reference, entry);
        }

        return read.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The secret's value for use on one line (an API token or password sent in a header): as <see cref="GetAsync"/>, and a
    /// control character left inside the value (CR, LF, NUL...) is a configuration error naming the reference, never the value.
    /// </summary>
    /// <exception cref="SecretStoreException">It cannot be read, or it holds a control character (<see cref="SecretFailure.Misconfigured"/>).</exception>
    public Task<SensitiveString> GetSingleLineAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        var read = GetAsync(reference, cancellationToken);
        return read.IsCompletedSuccessfully ? (IsSingleLine(read.Result) ? read : Task.FromException<SensitiveString>(NotSingleLine(reference)))
            : CheckedAsync(reference, read);

        static async Task<SensitiveString> CheckedAsync(SecretReference reference, Task<SensitiveString> read)
        {
            var value = await read.ConfigureAwait(false);
            return IsSingleLine(value) ? value : throw NotSingleLine(reference);
        }
    }

    private static bool IsSingleLine(SensitiveString value)
    {
        var text = value.Reveal().AsSpan();
        // char.IsControl: U+0000-U+001F and U+007F-U+009F.
        return text.IndexOfAnyInRange('\u0000', '\u001f') < 0 && text.IndexOfAnyInRange('\u007f', '\u009f') < 0;
    }

    private static SecretStoreException NotSingleLine(SecretReference reference) =>
        new(SecretFailure.Misconfigured,
            $"secret {reference} holds a control character (such as CR, LF or NUL) inside its value; save it again as a single line without them.");

    /// <summary>
    /// Reads the secret again now, ignoring the cache: used when cPanel refused a credential, in case it was rotated.
    /// Returns the value and whether it differs from the one cached before.
    /// </summary>
    /// <exception cref="SecretStoreException">It cannot be read.</exception>
    public async Task<(SensitiveString Value, bool Changed)> RefreshAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var entry = _entries.GetOrAdd(reference, static _ => new Entry());
        SensitiveString? before;
        lock (entry.Gate)
        {
            before = entry.Value;
            entry.RefreshAfter = DateTimeOffset.MinValue;
        }

        var value = await GetAsync(reference, cancellationToken).ConfigureAwait(false);
        return (value, before is null || !before.Equals(value));
    }

    private async Task<SensitiveString> ReadAndStoreAsync(SecretReference reference, Entry entry)
    {
        await Task.Yield();
        var started = _timeProvider.GetTimestamp();
        var outcome = "success";
        try
        {
            var value = new SensitiveString(Clean(reference, await ReadAsync(reference).ConfigureAwait(false)));
            lock (entry.Gate)
            {
                var now = _timeProvider.GetUtcNow();
                entry.Value = value;
                entry.FetchedAt = now;
                entry.RefreshAfter = now + _options.CacheDuration;
            }

            return value;
        }
        catch (SecretStoreException ex)
        {
            outcome = ex.ErrorClass;
            lock (entry.Gate)
            {
                var now = _timeProvider.GetUtcNow();
                if (entry.Value is { } stale && now - entry.FetchedAt < _options.CacheDuration + _options.GracePeriod)
                {
                    entry.RefreshAfter = now + _options.RetryAfterFailure;
                    LogServingStale(_logger, reference.ToString(), ex.Failure, (long)(now - entry.FetchedAt).TotalSeconds, ex.Message);
                    return stale;
                }
            }

            LogReadFailed(_logger, reference.ToString(), ex.Failure, ex.Message);
            throw;
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.Reading = null;
            }

            var tags = new TagList { { "secret.source", reference.Kind.ToString().ToLowerInvariant() }, { "outcome", outcome } };
            CpanelSessionOpsTelemetry.SecretReads.Add(1, tags);
            CpanelSessionOpsTelemetry.SecretReadDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>
    /// A secret saved with a line ending (a vault value pasted with its newline, a file read whole) would put CR/LF in a
    /// header and fail every call: line endings and NULs around the value are trimmed. (Inside, line breaks may be meant:
    /// a PEM private key; <see cref="GetSingleLineAsync"/> refuses them where a value must be one line.)
    /// </summary>
    private static string Clean(SecretReference reference, string value)
    {
        var trimmed = value.Trim(['\r', '\n', '\0']);
        return trimmed.Length > 0
            ? trimmed
            : throw new SecretStoreException(SecretFailure.NotFound, $"secret {reference} is empty (or only line breaks); save the token or password in it.");
    }

    private Task<string> ReadAsync(SecretReference reference) => reference.Kind switch
    {
        SecretSourceKind.KeyVault => _keyVault.ReadAsync(reference, CancellationToken.None),
        SecretSourceKind.Environment => Task.FromResult(_options.ReadEnvironmentVariable(reference.Name) is { Length: > 0 } value
            ? value
            : throw new SecretStoreException(SecretFailure.NotFound, $"environment variable {reference.Name} is not set or is empty.")),
        _ => Task.FromResult(reference.InlineValue!),
    };

    [LoggerMessage(1, LogLevel.Warning, "Reading secret {Reference} failed ({Failure}); serving the value read {AgeSeconds} s ago: {Reason}")]
    private static partial void LogServingStale(ILogger logger, string reference, SecretFailure failure, long ageSeconds, string reason);

    [LoggerMessage(2, LogLevel.Error, "Reading secret {Reference} failed ({Failure}): {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string reference, SecretFailure failure, string reason);

    private sealed class Entry
    {
        public Lock Gate { get; } = new();
        public SensitiveString? Value { get; set; }
        public DateTimeOffset FetchedAt { get; set; }
        public DateTimeOffset RefreshAfter { get; set; }
        public Task<SensitiveString>? Reading { get; set; }
        public Task<SensitiveString>? Completed { get; set; }
    }
}
