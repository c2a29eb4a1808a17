using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CpanelSessionOps.Functions.ChatOps.BackgroundWork;

/// <summary>
/// The work and poison queues in Azure Storage (<see cref="BackgroundWorkOptions"/>). Messages are base64, as the Functions
/// host's queue trigger reads them by default. The queues are created on first use (Azurite, a new account).
/// </summary>
internal sealed class StorageChatWorkQueue : IChatWorkQueue
{
    private readonly QueueClient _work;
    private readonly QueueClient _poison;
    private Task? _created;

    public StorageChatWorkQueue(IOptions<BackgroundWorkOptions> options)
    {
        var settings = options.Value;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        (_work, _poison) = settings.ConnectionString is { Length: > 0 } connectionString
            ? (new QueueClient(connectionString, settings.QueueName, clientOptions), new QueueClient(connectionString, settings.PoisonQueueName, clientOptions))
            : (new QueueClient(QueueUri(settings, settings.QueueName), new DefaultAzureCredential(), clientOptions),
                new QueueClient(QueueUri(settings, settings.PoisonQueueName), new DefaultAzureCredential(), clientOptions));
    }

    public async Task EnqueueAsync(ChatWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        await CreatedAsync().ConfigureAwait(false);
        await _work.SendMessageAsync(item.ToMessage(), cancellationToken).ConfigureAwait(false);
    }

    public async Task SendToPoisonAsync(string message, CancellationToken cancellationToken = default)
    {
        await CreatedAsync().ConfigureAwait(false);
        await _poison.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Task CreatedAsync()
    {
        // Once per instance; a failed creation (storage unreachable) is tried again by the next call.
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = Task.WhenAll(_work.CreateIfNotExistsAsync(), _poison.CreateIfNotExistsAsync());
            Volatile.Write(ref _created, created);
        }

        return created;
    }

    private static Uri QueueUri(BackgroundWorkOptions settings, string queueName) =>
        new(new Uri(settings.QueueServiceUri!.ToString().TrimEnd('/') + "/", UriKind.Absolute), queueName);
}
