using Azure;
using Azure.Storage.Queues;
using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.AzureStorage;

/// <summary>A work queue on an Azure Storage queue. Bodies over the 64 KB message limit go to a blob; the message carries its name.</summary>
/// <remarks>Queue delays have whole-second resolution: a delay is rounded down to whole seconds, and the worker holds a
/// message that arrives before its due time (by less than a second) until it is due. A send from this process wakes this
/// process's waiting poller at once, or when the message becomes visible if it is delayed; other processes find the
/// message at their next poll.</remarks>
internal sealed class AzureWorkQueue(QueueClient client, PayloadBlobs blobs, TimeProvider time, StorageOperationCounter counter) : IWorkQueue
{
    private const int MaxInlineChars = 45_000;
    private const string BlobMarker = "@blob:";

    private TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => client.Name;

    public QueueClient Client => client;

    public async Task SendAsync(WorkMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var text = EnvelopeJson.Serialize(message);
        if (text.Length > MaxInlineChars)
        {
            text = BlobMarker + await blobs.WriteAsync(message.InstanceId, "message", text, cancellationToken);
        }

        counter.CountQueue();
        TimeSpan? visibility = delay < TimeSpan.FromSeconds(1) ? null : TimeSpan.FromSeconds(Math.Floor(delay.TotalSeconds));
        await client.SendMessageAsync(text, visibility, TimeSpan.FromSeconds(-1), cancellationToken);
        if (visibility is not { } wait)
        {
            Wake();
        }
        else if (wait <= WakeHorizon)
        {
            _ = WakeAfterAsync(wait);
        }
    }

    /// <summary>Delayed messages due within this wake the poller when they become visible; later ones are found by polling.</summary>
    private static readonly TimeSpan WakeHorizon = TimeSpan.FromMinutes(10);

    private void Wake() =>
        Interlocked.Exchange(ref _sent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// Added to a delayed message's wait before its wake-up: a timer may fire a millisecond early, while the storage
    /// service makes the message visible its whole delay after it received the send (in milliseconds), so a poller woken
    /// on the dot sometimes found nothing and went back to its backoff.
    /// </summary>
    private static readonly TimeSpan VisibilityMargin = TimeSpan.FromMilliseconds(50);

    private async Task WakeAfterAsync(TimeSpan wait)
    {
        await Task.Delay(wait + VisibilityMargin, time);
        Wake();
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        var response = await client.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        if (response.Value.Length == 0)
        {
            counter.CountEmptyReceive();
        }
        var result = new List<ReceivedMessage>(response.Value.Length);
        foreach (var message in response.Value)
        {
            var text = message.Body.ToString();
            string? blob = null;
            if (text.StartsWith(BlobMarker, StringComparison.Ordinal))
            {
                blob = text[BlobMarker.Length..];
                text = await blobs.ReadAsync(blob, cancellationToken);
            }

            result.Add(new ReceivedMessage(EnvelopeJson.Deserialize<WorkMessage>(text), message.MessageId, message.PopReceipt, (int)message.DequeueCount, blob));
        }

        return result;
    }

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            counter.CountQueue();
            await client.DeleteMessageAsync(message.QueueMessageId, message.Receipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return;
        }

        if (message.PayloadBlob is not null)
        {
            await blobs.DeleteAsync(message.PayloadBlob, cancellationToken);
        }
    }

    public async Task<ReceivedMessage> RenewAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        try
        {
            var receipt = await client.UpdateMessageAsync(message.QueueMessageId, message.Receipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
            return message with { Receipt = receipt.Value.PopReceipt };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            throw new InvalidOperationException($"Message {message.QueueMessageId} in queue '{Name}' was deleted or its lease was lost.", ex);
        }
    }

    public async Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        counter.CountQueue();
        try
        {
            await client.UpdateMessageAsync(message.QueueMessageId, message.Receipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return;
        }
    }

    public Task Arrival => Volatile.Read(ref _sent).Task;
}
