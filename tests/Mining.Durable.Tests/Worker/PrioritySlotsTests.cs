using Mining.Durable.Worker;

namespace Mining.Durable.Tests.Worker;

/// <summary>The worker's slots: priority waiters get a freed slot before the others, each kind in the order it came.</summary>
public sealed class PrioritySlotsTests
{
    [Fact]
    public async Task A_freed_slot_goes_to_the_priority_waiters_first_then_to_the_others_in_their_order()
    {
        var slots = new PrioritySlots(1);
        Assert.True(slots.TryTake());
        Assert.False(slots.TryTake());

        var order = new List<string>();
        Task Wait(string name, bool priority) => slots.WaitAsync(priority).ContinueWith(_ => { lock (order) { order.Add(name); } }, TaskScheduler.Default);
        var waits = new[] { Wait("first", false), Wait("second", false), Wait("urgent", true), Wait("third", false), Wait("urgent too", true) };

        for (var released = 1; released <= waits.Length; released++)
        {
            // The waits still pending are taken before the release: the one it frees may complete before WhenAny looks.
            var pending = waits.Where(w => !w.IsCompleted).ToList();
            slots.Release();
            await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
            Assert.Equal(released, order.Count);
        }

        Assert.Equal(["urgent", "urgent too", "first", "second", "third"], order);
        Assert.False(slots.TryTake(), "every release went to a waiter: no slot was freed");
        slots.Release();
        Assert.True(slots.TryTake());
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_takes_no_slot()
    {
        var slots = new PrioritySlots(1);
        await slots.WaitAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.WaitAsync(priority: true, cancel.Token);
        var next = slots.WaitAsync();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);

        slots.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        slots.Release();
        Assert.True(slots.TryTake(), "the slot released after the last waiter is free");
        Assert.False(slots.TryTake());
    }
}
