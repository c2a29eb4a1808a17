using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace CpanelSessionOps.SharedState;

/// <summary>
/// One shared-state table: its client (connection string, or service URI with the app's identity), created on first use,
/// with short transport retries so a mint waits seconds, not minutes, for a table that is down.
/// </summary>
internal sealed class SharedTable
{
    private int _created;

    public SharedTable(SharedStateOptions options, string tableName, TableClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        clientOptions ??= DefaultClientOptions(options.NetworkTimeout);
        Name = tableName;
        Client = options.TableConnectionString is { Length: > 0 } connection
            ? new TableClient(connection, tableName, clientOptions)
            : new TableClient(options.TableServiceUri ?? throw new ArgumentException("SharedState:TableConnectionString or SharedState:TableServiceUri is required.", nameof(options)),
                tableName, new DefaultAzureCredential(), clientOptions);
    }

    public string Name { get; }

    public TableClient Client { get; }

    /// <summary>The client options used when none are given: three tries at most, each bounded by <paramref name="networkTimeout"/>.</summary>
    public static TableClientOptions DefaultClientOptions(TimeSpan networkTimeout)
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = networkTimeout;
        return options;
    }

    /// <summary>The row's keys for a key of ours: a SHA-256, so any text fits Table Storage's key rules and no mailbox
    /// address or caller id is stored in the clear.</summary>
    public static string PartitionKeyFor(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="exception"/> means the table could not be used (rather than a bug or the caller's cancellation).</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RequestFailedException or AuthenticationFailedException or HttpRequestException or IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(e => IsUnavailable(e, cancellationToken)),
        _ => false,
    };

    /// <summary>What is safe to say about a failure: the status and error code of a service answer, else the exception type.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } failed => $"status {failed.Status} {failed.ErrorCode}".TrimEnd(),
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Describe(aggregate.InnerExceptions[^1]),
        _ => exception.GetType().Name,
    };

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await Client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }

    /// <summary>Deletes up to one page of rows whose <c>ExpiresAt</c> has passed; a row changed since it was read is left alone.</summary>
    public async ValueTask<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var page in Client.QueryAsync<TableEntity>(filter, maxPerPage: 100, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
                           .AsPages().ConfigureAwait(false))
        {
            foreach (var row in page.Values)
            {
                try
                {
                    // The row's own ETag: a row revived since the query (a new window, a new claim) is not deleted.
                    await Client.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                }
            }

            break;
        }

        return deleted;
    }
}
