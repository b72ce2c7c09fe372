using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mining.Durable.Backend;

namespace Mining.Durable.Worker;

/// <summary>The hosted worker: polls every control partition and the work-item queue and hands each message to its handler,
/// and sweeps parked long timers to their queues as they come due.</summary>
/// <remarks>Any number of workers may share a task hub; instance rows are guarded by ETags, so two workers never both commit
/// the same episode. On shutdown it stops polling, lets in-flight work finish while the host allows, and releases what is
/// still running so another worker picks it up at once.</remarks>
internal sealed partial class DurableTaskWorker(
    IDurableBackend backend,
    OrchestrationMessageHandler orchestrations,
    ActivityMessageHandler activities,
    ParkedTimerSweeper sweeper,
    WorkerSlots slots,
    IOptions<DurableTaskOptions> options,
    TimeProvider time,
    ILogger<DurableTaskWorker> logger) : BackgroundService
{
    private readonly StripedLock _instanceLocks = new();
    private readonly ConcurrentDictionary<ReceivedMessage, Task> _inFlight = new();
    private readonly Dictionary<string, List<MessageLease>> _waiting = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RetryUntilStoppedAsync(() => backend.CreateIfNotExistsAsync(stoppingToken), stoppingToken);
        var loops = Enumerable.Range(0, backend.PartitionCount).Select(p => ControlLoopAsync(backend.ControlQueue(p), stoppingToken)).ToList();
        loops.Add(ActivityLoopAsync(stoppingToken));
        loops.Add(SweepLoopAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            foreach (var message in _inFlight.Keys)
            {
                var queue = message.Message.IsActivity ? backend.ActivityQueue : null;
                if (queue is not null)
                {
                    await queue.AbandonAsync(message, TimeSpan.Zero, CancellationToken.None);
                }
            }
        }
    }

    private static readonly TimeSpan MaxEarlyHold = TimeSpan.FromSeconds(1);

    /// <summary>How long a drained control queue that was told of a new message waits for more before it is polled.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(100);

    private async Task ControlLoopAsync(IWorkQueue queue, CancellationToken stoppingToken)
    {
        var storage = options.Value.StorageProvider;
        var backoff = new PollingBackoff(storage.MaxQueuePollingInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Read before receiving: a message this process sends while the receive is under way must still wake the poller.
                var arrival = queue.Arrival;
                var messages = await queue.ReceiveAsync(storage.ControlQueueBatchSize, storage.ControlQueueVisibilityTimeout, stoppingToken);
                if (messages.Count == 0)
                {
                    await WaitForArrivalAsync(arrival, backoff.Next(), stoppingToken);
                    continue;
                }

                backoff.Reset();
                var episodes = messages.GroupBy(m => m.Message.InstanceId, StringComparer.Ordinal)
                    .Select(group => RunEpisodeAsync(queue, group.ToList()))
                    .ToList();
                if (messages.Count < storage.ControlQueueBatchSize)
                {
                    // The queue is drained: poll again when these episodes are done (their results may bring more work), or
                    // GatherWindow after this process sends the queue a message or one it delayed becomes visible (the window
                    // gathers what follows into the same receive), or when the longest polling interval passes. Episodes
                    // running long activities inline do not hold up the messages that arrive meanwhile.
                    await WaitForEpisodesOrMessagesAsync(arrival, episodes, storage.MaxQueuePollingInterval, stoppingToken);
                }
                else
                {
                    // The queue is busy: keep receiving while an episode slot is free.
                    await slots.Orchestrations.WaitAsync(cancellationToken: stoppingToken);
                    slots.Orchestrations.Release();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex, queue.Name);
                await DelayQuietlyAsync(backoff.Next(), stoppingToken);
            }
        }
    }

    private async Task WaitForEpisodesOrMessagesAsync(Task arrival, List<Task> episodes, TimeSpan maxWait, CancellationToken stoppingToken)
    {
        var done = Task.WhenAll(episodes);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var arrived = WaitForArrivalAsync(arrival, maxWait, waiting.Token);
        if (await Task.WhenAny(done, arrived) == arrived && !stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAny(done, Task.Delay(GatherWindow, time, waiting.Token));
        }

        await waiting.CancelAsync();
        try
        {
            await arrived;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The episodes finished first.
        }
    }

    /// <summary>Completes when <paramref name="arrival"/> does or <paramref name="maxWait"/> passes.</summary>
    private async Task WaitForArrivalAsync(Task arrival, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(arrival, Task.Delay(maxWait, time, cts.Token));
        await cts.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs one instance's episode in the background; the poller goes on receiving while a slot is free.</summary>
    private async Task RunEpisodeAsync(IWorkQueue queue, List<ReceivedMessage> messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[messages[0]] = done.Task;
        try
        {
            // Received while the queue is busy, the messages may wait here for their instance and a slot: their leases are
            // renewed meanwhile (no storage call unless the wait passes half the visibility timeout), so they do not
            // reappear elsewhere and use up deliveries.
            var leases = messages.Select(m => new MessageLease(queue, m, options.Value.StorageProvider.ControlQueueVisibilityTimeout, time)).ToList();

            // A queue whose delays have whole-second resolution shows a delayed message (a durable timer) up to a second
            // early: it waits here until it is due rather than going back to the queue for another second.
            var early = messages.Max(m => m.Message.NotBefore) - time.GetUtcNow();
            if (early > TimeSpan.Zero && early <= MaxEarlyHold)
            {
                await Task.Delay(early.Value, time);
            }

            // Messages received for an instance whose episode is running wait together: the next episode takes all of them
            // (a busy singleton such as a collector then runs one episode per wait, not one per receive).
            var instanceId = messages[0].Message.InstanceId;
            lock (_waiting)
            {
                if (_waiting.TryGetValue(instanceId, out var waiting))
                {
                    waiting.AddRange(leases);
                }
                else
                {
                    _waiting[instanceId] = leases;
                }
            }

            // The instance's lock before a slot: episodes waiting for a busy instance hold no slot, so an episode that gives its
            // slot back while it runs activities inline can always take one again.
            using (await _instanceLocks.AcquireAsync(instanceId, CancellationToken.None))
            {
                List<MessageLease>? batch;
                lock (_waiting)
                {
                    _waiting.Remove(instanceId, out batch);
                }

                if (batch is null)
                {
                    return; // An episode that had the lock before took these messages.
                }

                await slots.Orchestrations.WaitAsync(orchestrations.IsPriority(instanceId));
                try
                {
                    foreach (var lease in batch)
                    {
                        await lease.DisposeAsync();
                    }

                    await orchestrations.HandleAsync(queue, [.. batch.Select(l => l.Current)], CancellationToken.None);
                }
                finally
                {
                    slots.Orchestrations.Release();
                }
            }
        }
        catch (Exception ex)
        {
            LogEpisodeCrashed(logger, ex, messages[0].Message.InstanceId);
        }
        finally
        {
            _inFlight.TryRemove(messages[0], out _);
            done.TrySetResult();
        }
    }

    private async Task ActivityLoopAsync(CancellationToken stoppingToken)
    {
        var storage = options.Value.StorageProvider;
        var queue = backend.ActivityQueue;
        var backoff = new PollingBackoff(storage.MaxQueuePollingInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                await slots.Activities.WaitAsync(cancellationToken: stoppingToken);
                taken = 1;
                while (taken < 32 && slots.Activities.TryTake())
                {
                    taken++;
                }

                var arrival = queue.Arrival;
                var messages = await queue.ReceiveAsync(taken, storage.WorkItemQueueVisibilityTimeout, stoppingToken);
                if (taken > messages.Count)
                {
                    slots.Activities.Release(taken - messages.Count);
                }

                taken = 0;
                if (messages.Count == 0)
                {
                    await WaitForArrivalAsync(arrival, backoff.Next(), stoppingToken);
                    continue;
                }

                backoff.Reset();
                foreach (var message in messages)
                {
                    _inFlight[message] = RunActivityAsync(queue, message);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (taken > 0)
                {
                    slots.Activities.Release(taken);
                }

                LogPollFailed(logger, ex, queue.Name);
                await DelayQuietlyAsync(backoff.Next(), stoppingToken);
            }
        }
    }

    private async Task RunActivityAsync(IWorkQueue queue, ReceivedMessage message)
    {
        try
        {
            await Task.Yield();
            await activities.HandleAsync(queue, message, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogActivityMessageFailed(logger, ex, message.Message.InstanceId);
        }
        finally
        {
            _inFlight.TryRemove(message, out _);
            slots.Activities.Release();
        }
    }

    /// <summary>Sweeps parked timers at start and then every <see cref="ParkedTimerSweeper.Interval"/> (measured from the start of
    /// the previous sweep, so a slow sweep does not push the next one back); with parking off, once to drain what is left.</summary>
    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            try
            {
                var swept = await sweeper.SweepAsync(stoppingToken);
                if (swept > 0)
                {
                    LogSwept(logger, swept);
                }

                if (!sweeper.Parking)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, ex);
            }

            var wait = started + sweeper.Interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RetryUntilStoppedAsync(Func<Task> action, CancellationToken stoppingToken)
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(5));
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, ex, "task hub");
                await DelayQuietlyAsync(backoff.Next(), stoppingToken);
            }
        }
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Queue} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping parked timers failed; retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Moved {Count} parked timers to their control queues")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Episode of instance {InstanceId} failed; its messages reappear after their lease")]
    private static partial void LogEpisodeCrashed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work item of instance {InstanceId} failed; it reappears after its lease")]
    private static partial void LogActivityMessageFailed(ILogger logger, Exception exception, string instanceId);
}
