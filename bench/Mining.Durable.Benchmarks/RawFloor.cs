using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Mining.Durable.Benchmarks;

/// <summary>The least storage work one activity call needs in any queue-based design, issued directly with the SDK:
/// send, receive and delete the work item; send, receive and delete its completion; load and commit the history.</summary>
internal sealed class RawFloor(string connectionString, string prefix)
{
    public const int OperationsPerCall = 8;

    private readonly QueueClient _work = new(connectionString, $"{prefix}-floor-work", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    private readonly QueueClient _done = new(connectionString, $"{prefix}-floor-done", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
    private readonly TableClient _table = new(connectionString, $"{prefix}floor");

    public async Task CreateAsync()
    {
        await _work.CreateIfNotExistsAsync();
        await _done.CreateIfNotExistsAsync();
        await _table.CreateIfNotExistsAsync();
    }

    public async Task DeleteAsync()
    {
        await _work.DeleteIfExistsAsync();
        await _done.DeleteIfExistsAsync();
        await _table.DeleteAsync();
    }

    /// <summary>One activity call's floor; returns its duration.</summary>
    public async Task<TimeSpan> CallAsync(string instanceId, int step)
    {
        var started = Stopwatch.GetTimestamp();
        var body = $"{{\"instance\":\"{instanceId}\",\"step\":{step}}}";
        await _work.SendMessageAsync(body);
        var work = await ReceiveOneAsync(_work);
        await _work.DeleteMessageAsync(work.MessageId, work.PopReceipt);
        await _done.SendMessageAsync(body);
        var done = await ReceiveOneAsync(_done);
        await _done.DeleteMessageAsync(done.MessageId, done.PopReceipt);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")))
        {
            _ = row;
        }

        await _table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(instanceId, "instance") { ["Step"] = step }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(instanceId, $"e-{step:D8}") { ["History"] = body }),
        ]);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<Azure.Storage.Queues.Models.QueueMessage> ReceiveOneAsync(QueueClient queue)
    {
        while (true)
        {
            var messages = await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));
            if (messages.Value.Length > 0)
            {
                return messages.Value[0];
            }
        }
    }
}
