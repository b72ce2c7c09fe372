namespace Mining.Durable;

/// <summary>Thrown into an orchestration when an activity or sub-orchestration it awaited failed.</summary>
/// <remarks>The original exception cannot cross the process boundary; <see cref="FailureDetails"/> carries its type, message, stack and inner failure.</remarks>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails?.ErrorType}: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("unknown", "unknown failure", null, null))
    {
    }

    public TaskFailedException(string message)
        : this(message, null)
    {
    }

    public TaskFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = innerException is null
            ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, message, null, null)
            : TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The activity or orchestration name that failed.</summary>
    public string TaskName { get; }

    /// <summary>The sequence number of the task within the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>The failure as recorded in history.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
