using System.Globalization;
using Azure.Data.Tables;
using Mining.Durable.Backend;
using Mining.Durable.History;

namespace Mining.Durable.AzureStorage;

/// <summary>Mapping between <see cref="InstanceRecord"/> and the instance row, and large-value storage.</summary>
internal sealed partial class AzureInstanceStore
{
    private const int MaxInlineChars = 30_000;
    private const string BlobSuffix = "Blob";

    private async Task<TableEntity> ToEntityAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(record.InstanceId, InstanceRowKey)
        {
            ["Name"] = record.Name,
            ["ExecutionId"] = record.ExecutionId,
            ["Status"] = record.Status.ToString(),
            ["CreatedAt"] = record.CreatedAt,
            ["LastUpdatedAt"] = record.LastUpdatedAt,
            ["Episode"] = record.Episode,
            ["OutboxPending"] = record.OutboxPending,
        };
        await WriteTextAsync(entity, "Input", record.Input, record.InstanceId, cancellationToken);
        await WriteTextAsync(entity, "Output", record.Output, record.InstanceId, cancellationToken);
        await WriteTextAsync(entity, "CustomStatus", record.CustomStatus, record.InstanceId, cancellationToken);
        await WriteTextAsync(entity, "Failure", record.Failure is null ? null : EnvelopeJson.Serialize(record.Failure), record.InstanceId, cancellationToken);
        return entity;
    }

    private async Task<InstanceRecord> ReadRecordAsync(TableEntity row, CancellationToken cancellationToken, bool withPayloads = true)
    {
        var failure = await ReadTextAsync(row, "Failure", cancellationToken);
        return new InstanceRecord
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString("Name") ?? string.Empty,
            ExecutionId = row.GetString("ExecutionId") ?? string.Empty,
            Status = Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending)),
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
            Episode = row.GetInt32("Episode") ?? 0,
            OutboxPending = row.GetBoolean("OutboxPending") ?? false,
            Input = withPayloads ? await ReadTextAsync(row, "Input", cancellationToken) : null,
            Output = withPayloads ? await ReadTextAsync(row, "Output", cancellationToken) : null,
            CustomStatus = await ReadTextAsync(row, "CustomStatus", cancellationToken),
            Failure = failure is null ? null : EnvelopeJson.Deserialize<TaskFailureDetails>(failure),
        };
    }

    private async Task WriteTextAsync(TableEntity entity, string property, string? value, string instanceId, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length <= MaxInlineChars)
        {
            entity[property] = value;
        }
        else
        {
            entity[property + BlobSuffix] = await blobs.WriteAsync(instanceId, property.ToLower(CultureInfo.InvariantCulture), value, cancellationToken);
        }
    }

    private async Task<string?> ReadTextAsync(TableEntity entity, string property, CancellationToken cancellationToken) =>
        entity.GetString(property + BlobSuffix) is { } blob ? await blobs.ReadAsync(blob, cancellationToken) : entity.GetString(property);
}
