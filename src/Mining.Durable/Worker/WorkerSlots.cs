using Microsoft.Extensions.Options;

namespace Mining.Durable.Worker;

/// <summary>
/// The worker's concurrency limits: episodes (<see cref="DurableTaskOptions.MaxConcurrentOrchestratorFunctions"/>) and
/// activities (<see cref="DurableTaskOptions.MaxConcurrentActivityFunctions"/>). An episode that runs activities inline
/// gives its episode slot back while they run and takes an activity slot for each, so slow activities never hold up
/// other instances' episodes (the collector's, a timer's) behind them. Episodes and inline activities of the
/// <see cref="DurableTaskOptions.PriorityOrchestrations"/> take a freed slot before any other waiting for one.
/// </summary>
internal sealed class WorkerSlots(IOptions<DurableTaskOptions> options)
{
    private readonly HashSet<string> _priority = new(options.Value.PriorityOrchestrations, StringComparer.Ordinal);

    public PrioritySlots Orchestrations { get; } = new(options.Value.MaxConcurrentOrchestratorFunctions);

    public PrioritySlots Activities { get; } = new(options.Value.MaxConcurrentActivityFunctions);

    /// <summary>Whether the orchestration named <paramref name="name"/> goes ahead of others when slots are short.</summary>
    public bool IsPriority(string? name) => name is not null && _priority.Contains(name);
}

/// <summary>
/// A counting semaphore whose priority waiters are served before the others, each kind in the order it came: under
/// overload, work that finishes what others started does not queue behind the newer work that feeds it.
/// </summary>
internal sealed class PrioritySlots(int count)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<TaskCompletionSource> _priority = [];
    private readonly LinkedList<TaskCompletionSource> _others = [];
    private int _free = count;

    /// <summary>Takes a slot if one is free at once.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_free == 0)
            {
                return false;
            }

            _free--;
            return true;
        }
    }

    public async Task WaitAsync(bool priority = false, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            // A free slot means nobody waits: Release hands slots to waiters before it frees any.
            if (_free > 0)
            {
                _free--;
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = (priority ? _priority : _others).AddLast(waiter);
        }

        using (cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is not { } list)
                {
                    return; // Already given a slot: the wait completes with it.
                }

                list.Remove(node);
            }

            waiter.TrySetCanceled(cancellationToken);
        }))
        {
            await waiter.Task;
        }
    }

    public void Release(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            TaskCompletionSource next;
            lock (_gate)
            {
                var waiting = _priority.Count > 0 ? _priority : _others;
                if (waiting.First is not { } first)
                {
                    _free++;
                    continue;
                }

                next = first.Value;
                waiting.RemoveFirst();
            }

            next.SetResult();
        }
    }
}
