namespace Mining.Durable;

/// <summary>Engine settings, named as in host.json's <c>extensions:durableTask</c> section so the app can bind that section.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>host.json <c>hubName</c>: the task hub; names the tables, queues and blob container. Letters and digits, 3–45 characters, starting with a letter.</summary>
    public string HubName { get; set; } = "MiningHub";

    /// <summary>host.json <c>maxConcurrentActivityFunctions</c>: activities run at once per worker.</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10;

    /// <summary>host.json <c>maxConcurrentOrchestratorFunctions</c>: orchestration episodes run at once per worker.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10;

    /// <summary>
    /// <c>maxInlineActivities</c> (Mining.Durable's own setting; 0, the default, turns it off): when an episode schedules at
    /// most this many activities and this worker has them registered, it runs them at once and feeds their results back to
    /// the orchestration before committing, round after round (up to 16) until the orchestration waits for something else
    /// — instead of sending each through the work-item queue and back. One commit and no queue round trip per activity
    /// call. Still at least once: a crash before the commit runs them again. Larger fan-outs go through the queue as before.
    /// </summary>
    public int MaxInlineActivities { get; set; }

    /// <summary>
    /// <c>longTimerThreshold</c> (Mining.Durable's own setting; default 5 minutes, <c>00:00:00</c> turns it off): a durable timer due
    /// more than this from now is not sent to its control queue but parked in the hub's timer store, and the worker's sweeper
    /// sends it to the queue, with the delay left, once it is due within this. Queues then hold only timers due soon: a timeout of
    /// days that never fires costs no queue space meanwhile (Azurite's queue operations slow down with every message present).
    /// </summary>
    public TimeSpan LongTimerThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>priorityOrchestrations</c> (Mining.Durable's own setting; none by default): orchestrations whose episodes and inline
    /// activities take the next free slot before any other's waiting for one. For the stages of a pipeline that finish what
    /// many other instances started (a batch that anchors what they verified): under overload they do not queue behind the
    /// newer work that feeds them, so work in progress drains first.
    /// </summary>
    public List<string> PriorityOrchestrations { get; set; } = [];

    /// <summary>host.json <c>storageProvider</c>.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();
}
