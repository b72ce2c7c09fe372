namespace Mining.Durable.History;

/// <summary>A queue message: a control event for an instance, or an activity work item.</summary>
/// <param name="Id">Unique per logical message; redeliveries keep it, so duplicates are detected.</param>
/// <param name="InstanceId">The instance the message is for (control) or from (activity).</param>
/// <param name="ExecutionId">The execution it belongs to; messages for an older execution are dropped.</param>
/// <param name="Event">The history event to deliver (control messages).</param>
/// <param name="Activity">The activity to run (work items).</param>
/// <param name="NotBefore">Delivered no earlier than this (durable timers, delayed starts); may exceed the queue's delay limit.</param>
internal sealed record WorkMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent? Event, ActivityRequest? Activity, DateTimeOffset? NotBefore)
{
    public bool IsActivity => Activity is not null;

    public static WorkMessage Control(string instanceId, string? executionId, HistoryEvent historyEvent, DateTimeOffset? notBefore = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return new WorkMessage(id, instanceId, executionId, historyEvent with { MessageId = id }, null, notBefore);
    }
}

internal sealed record ActivityRequest(string Name, int TaskScheduledId, string? Input);
