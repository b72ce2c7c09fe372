namespace Mining.Durable;

/// <summary>The lifecycle state of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled; its first episode has not run yet.</summary>
    Pending,

    /// <summary>Started and waiting for or processing work.</summary>
    Running,

    /// <summary>Finished successfully; the output is available.</summary>
    Completed,

    /// <summary>Finished with an unhandled failure; the failure details are available.</summary>
    Failed,

    /// <summary>Stopped by a client with a recorded reason.</summary>
    Terminated,

    /// <summary>Paused by a client; incoming events are buffered until it is resumed.</summary>
    Suspended,

    /// <summary>Restarted with a fresh history (only seen transiently).</summary>
    ContinuedAsNew,
}
