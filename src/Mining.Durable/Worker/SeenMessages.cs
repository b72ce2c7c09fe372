using Mining.Durable.History;

namespace Mining.Durable.Worker;

/// <summary>What an execution's history already contains, so redelivered and duplicate messages are recognised.</summary>
/// <remarks>Results are keyed by task id (an activity that ran twice sends two different messages with the same task id),
/// everything else by message id.</remarks>
internal sealed class SeenMessages
{
    private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);
    private readonly HashSet<int> _results = [];

    public bool Started { get; private set; }

    public static SeenMessages From(IEnumerable<HistoryEvent> history)
    {
        var seen = new SeenMessages();
        foreach (var e in history)
        {
            seen.Add(e);
        }

        return seen;
    }

    public bool Contains(HistoryEvent e) =>
        (e.MessageId is { } id && _messageIds.Contains(id))
        || (ResultId(e) is { } taskId && _results.Contains(taskId))
        || (e is ExecutionStarted && Started);

    public void Add(HistoryEvent e)
    {
        if (e.MessageId is { } id)
        {
            _messageIds.Add(id);
        }

        if (ResultId(e) is { } taskId)
        {
            _results.Add(taskId);
        }

        Started |= e is ExecutionStarted;
    }

    private static int? ResultId(HistoryEvent e) => e switch
    {
        TaskCompleted c => c.TaskScheduledId,
        TaskFailed f => f.TaskScheduledId,
        SubOrchestrationCompleted c => c.TaskScheduledId,
        SubOrchestrationFailed f => f.TaskScheduledId,
        TimerFired t => t.TimerId,
        _ => null,
    };
}
