using System.Collections.Concurrent;
using CpanelSessionOps.Functions.ChatOps.BackgroundWork;

namespace CpanelSessionOps.Functions.Tests.Support;

/// <summary>
/// The work queue in memory, for tests of the webhooks that do not need Azurite: messages wait until
/// <see cref="FunctionsHost.ProcessWorkAsync"/> runs the app's <see cref="ChatWorkProcessor"/> on them once, as the queue
/// trigger would (a message left for a retry waits again with its dequeue count up). The Storage queue itself is tested
/// against Azurite in ChatWorkProcessorTests.
/// </summary>
internal sealed class InMemoryChatWorkQueue : IChatWorkQueue
{
    private readonly ConcurrentQueue<(string Message, long DequeueCount)> _pending = new();

    /// <summary>Every message ever enqueued, in order.</summary>
    public ConcurrentQueue<string> Enqueued { get; } = new();

    /// <summary>Messages sent to the poison queue.</summary>
    public ConcurrentQueue<string> Poison { get; } = new();

    /// <summary>Messages waiting to be processed.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>When set, enqueuing fails as an unreachable storage account does.</summary>
    public bool Unreachable { get; set; }

    public Task EnqueueAsync(ChatWorkItem item, CancellationToken cancellationToken = default)
    {
        if (Unreachable)
        {
            throw new Azure.RequestFailedException("storage unreachable (test)");
        }

        var message = item.ToMessage();
        Enqueued.Enqueue(message);
        _pending.Enqueue((message, 0));
        return Task.CompletedTask;
    }

    public Task SendToPoisonAsync(string message, CancellationToken cancellationToken = default)
    {
        Poison.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>Takes the waiting messages (each with the dequeue count its next delivery has).</summary>
    public List<(string Message, long DequeueCount)> TakePending()
    {
        var taken = new List<(string, long)>();
        while (_pending.TryDequeue(out var next))
        {
            taken.Add((next.Message, next.DequeueCount + 1));
        }

        return taken;
    }

    /// <summary>Puts back a message left for another attempt.</summary>
    public void Requeue(string message, long dequeueCount) => _pending.Enqueue((message, dequeueCount));
}
