using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Mining.Durable.History;

namespace Mining.Durable.Execution;

/// <summary>The context the replay executor hands to orchestrator code: records every step as an action and matches
/// the actions against history during replay.</summary>
internal sealed partial class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private readonly ExecutionStarted _started;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<HistoryEvent> _actions = [];
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly Dictionary<string, Queue<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaised> _buffered = [];
    private int _guidCounter;

    public ReplayOrchestrationContext(string instanceId, ExecutionStarted started, DataConverter converter, ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        _started = started;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override string InstanceId { get; }

    public override string Name => _started.Name;

    public DateTimeOffset Now { get; set; }

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public bool Replaying { get; set; }

    public override bool IsReplaying => Replaying;

    public string? CustomStatusJson { get; private set; }

    public ContinueAsNewRequest? ContinueAsNewRequest { get; private set; }

    private bool PreserveEvents { get; set; }

    /// <summary>How many recorded actions history has confirmed so far.</summary>
    public int MatchedActions { get; private set; }

    public IReadOnlyList<HistoryEvent> Actions => _actions;

    public IReadOnlyList<EventRaised> UnprocessedEvents => _buffered;

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_started.Input);

    public override async Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var inputJson = _converter.Serialize(input);
        return await WithRetry(options?.Retry, () =>
        {
            var id = _actions.Count;
            return Schedule<T>(new TaskScheduled(id, name, inputJson), name);
        });
    }

    public override async Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        var inputJson = _converter.Serialize(input);
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        return await WithRetry(options?.Retry, () =>
        {
            var id = _actions.Count;
            var childId = explicitId ?? $"{InstanceId}:{id:D4}";
            return Schedule<T>(new SubOrchestrationCreated(id, orchestratorName, childId, inputJson), orchestratorName);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _actions.Count;
        var at = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
        _actions.Add(new TimerCreated(id, at));
        var open = new OpenTask("timer");
        _open[id] = open;
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => open.Completion.TrySetCanceled(cancellationToken));
        }

        return open.Completion.Task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var waiter = new TaskCompletionSource<string?>();
        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _buffered[index];
            _buffered.RemoveAt(index);
            waiter.SetResult(buffered.Input);
        }
        else
        {
            if (!_waiters.TryGetValue(eventName, out var queue))
            {
                queue = new Queue<TaskCompletionSource<string?>>();
                _waiters[eventName] = queue;
            }

            queue.Enqueue(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            }
        }

        var json = await waiter.Task;
        return _converter.Deserialize<T>(json)!;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, cts.Token);
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cts.Token);
        var winner = await Task.WhenAny(eventTask, timer);
        if (winner == eventTask || eventTask.IsCompletedSuccessfully)
        {
            cts.Cancel();
            return await eventTask;
        }

        cts.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"Timed out after {timeout} waiting for external event '{eventName}' in instance '{InstanceId}'.");
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        _actions.Add(new EventSent(_actions.Count, instanceId, eventName, _converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatusJson = _converter.Serialize(customStatus);

    public override Guid NewGuid()
    {
        var name = $"{InstanceId}|{Now.UtcTicks}|{_guidCounter++}";
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequest = new ContinueAsNewRequest(_converter.Serialize(newInput), []);
        PreserveEvents = preserveUnprocessedEvents;
    }

    /// <summary>
    /// The continue-as-new request with the events to carry, evaluated when the code has returned: the buffered ones
    /// and <paramref name="undelivered"/>, those that arrived in the same episode after the code asked to continue.
    /// </summary>
    public ContinueAsNewRequest? FinalContinueAsNew(IEnumerable<EventRaised> undelivered) =>
        ContinueAsNewRequest is null ? null : ContinueAsNewRequest with { CarriedEvents = PreserveEvents ? [.. _buffered, .. undelivered] : [] };

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    private Task<string?> Schedule(HistoryEvent action, string name)
    {
        var id = _actions.Count;
        _actions.Add(action);
        var open = new OpenTask(name);
        _open[id] = open;
        return open.Completion.Task;
    }

    private async Task<T> Schedule<T>(HistoryEvent action, string name)
    {
        var json = await Schedule(action, name);
        return _converter.Deserialize<T>(json)!;
    }

    private async Task<T> WithRetry<T>(RetryPolicy? policy, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (ShouldRetry(policy, number, firstAttemptAt, failed))
            {
                await CreateTimer(policy.DelayAfter(number), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, int attempt, DateTime firstAttemptAt, TaskFailedException failed) =>
        attempt < policy.MaxNumberOfAttempts
        && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentUtcDateTime + policy.DelayAfter(attempt) <= firstAttemptAt + policy.RetryTimeout)
        && policy.HandleFailure(failed.FailureDetails);

    private sealed class OpenTask(string name)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<string?> Completion { get; } = new();
    }
}
