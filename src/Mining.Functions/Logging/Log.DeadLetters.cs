namespace Mining.Functions.Logging;

/// <summary>Dead letters and the engine's give-ups (EventIds 100–199).</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Warning, "Dead letter {Id} open: {Kind} failed at {Stage} after {Attempts} attempt(s): {Error}")]
    public static partial void DeadLettered(ILogger logger, string id, string kind, string stage, int attempts, string error);

    [LoggerMessage(101, LogLevel.Information, "Dead letter {Id} replayed from stage {Stage} (generation {Generation})")]
    public static partial void DeadLetterReplayed(ILogger logger, string id, string stage, int generation);

    [LoggerMessage(102, LogLevel.Information, "Dead letter {Id} deleted by the operator: {Reason}")]
    public static partial void DeadLetterDeleted(ILogger logger, string id, string reason);

    [LoggerMessage(103, LogLevel.Error, "The engine gave up on instance {InstanceId} ({Name}) after {Attempts} attempt(s): {Reason}")]
    public static partial void EngineGaveUp(ILogger logger, string instanceId, string name, int attempts, string reason);

    [LoggerMessage(104, LogLevel.Error, "The engine's give-up of instance {InstanceId} could not be recorded as a dead letter")]
    public static partial void EngineGiveUpNotRecorded(ILogger logger, Exception exception, string instanceId);
}
