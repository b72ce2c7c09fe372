using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using OrchestrationQuery = Microsoft.DurableTask.Client.OrchestrationQuery;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using Mining.Functions.Learnings;

namespace Mining.Functions.LocalHost.Durable;

/// <summary>
/// The Durable Task client API over the engine's storage backend directly (what the Durable Functions host does for
/// its clients): instances are created, messaged, read and purged through <see cref="IOrchestrationServiceClient"/>.
/// Payloads are serialized with the worker's <see cref="DataConverter"/>, so both sides read them alike.
/// </summary>
/// <remarks>
/// Starting an instance with dedupe statuses refuses an existing instance in one of them with
/// <see cref="OrchestrationAlreadyExistsException"/>; without them an existing instance is replaced (a running one is
/// terminated first), as the official clients do.
/// </remarks>
internal sealed class EngineClient(AzureStorageEngine engine, DataConverter converter) : DurableTaskClient("local")
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private AzureStorageOrchestrationService Client => engine.Service;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        CoreStatus[]? dedupe = options?.DedupeStatuses is { Count: > 0 } statuses
            ? [.. statuses.Select(s => ToCore(Enum.Parse<OrchestrationRuntimeStatus>(s, ignoreCase: true)))]
            : null;
        if (dedupe is null || !dedupe.Contains(CoreStatus.Running))
        {
            await TerminateRunningAsync(instance.InstanceId, cancellation);
        }

        using var created = PipelineTelemetry.StartCreateOrchestration(orchestratorName.Name, instance.InstanceId);
        await Client.CreateTaskOrchestrationAsync(
            new TaskMessage
            {
                OrchestrationInstance = instance,
                Event = new ExecutionStartedEvent(-1, converter.Serialize(input))
                {
                    Name = orchestratorName.Name,
                    Version = options?.Version ?? string.Empty,
                    OrchestrationInstance = instance,
                    ScheduledStartTime = options?.StartAt?.UtcDateTime,

                    // The span of this call (under the HTTP request, or the activity, that starts it) becomes the orchestration's parent.
                    ParentTraceContext = created is null ? null : new DistributedTraceContext(created.Id!, created.TraceStateString),
                },
            },
            dedupe);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName });

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason));

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason));

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        Client.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var states = await Client.GetOrchestrationStateAsync(instanceId, allExecutions: false);
        return states is { Count: > 0 } && states[0] is { } state ? ToMetadata(state, getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new DurableTask.Core.Query.OrchestrationQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await Client.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                [.. result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))], result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending } started)
            {
                return started;
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { IsCompleted: true } completed)
            {
                return completed;
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (await GetInstancesAsync(instanceId, cancellation: cancellation) is not { } existing)
        {
            return new PurgeResult(0);
        }

        if (!existing.IsCompleted)
        {
            throw new InvalidOperationException($"Only a finished orchestration can be purged; '{instanceId}' is {existing.RuntimeStatus}.");
        }

        var purged = await ((IOrchestrationServicePurgeClient)Client).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(
        PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purged = await ((IOrchestrationServicePurgeClient)Client).PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore)));
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task SendAsync(string instanceId, HistoryEvent @event) =>
        Client.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = @event });

    /// <summary>A start that may replace an instance first ends a running one, as the official clients do.</summary>
    private async Task TerminateRunningAsync(string instanceId, CancellationToken cancellation)
    {
        if (await GetInstancesAsync(instanceId, cancellation: cancellation) is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            await TerminateInstanceAsync(instanceId, new TerminateInstanceOptions($"Replaced by a new instance with the id {instanceId}."), cancellation);
            await WaitForInstanceCompletionAsync(instanceId, cancellation: cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? converter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = state.Input,
            SerializedOutput = state.Output,
            SerializedCustomStatus = state.Status,
            FailureDetails = state.FailureDetails is { } failure ? ToDetails(failure) : null,
        };

    private static TaskFailureDetails ToDetails(FailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToDetails(inner) : null, null);

    private static CoreStatus ToCore(OrchestrationRuntimeStatus status) => (CoreStatus)status;
}
