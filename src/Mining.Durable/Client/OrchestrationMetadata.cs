namespace Mining.Durable;

/// <summary>A snapshot of an instance's state as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Null unless inputs and outputs were requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Null unless inputs and outputs were requested. For a terminated instance, the reason.</summary>
    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    internal DataConverter Converter { get; init; } = new();

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.Pending;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => Converter.Deserialize<T>(SerializedInput);

    public T? ReadOutputAs<T>() => Converter.Deserialize<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => Converter.Deserialize<T>(SerializedCustomStatus);
}
