using Mining.Durable.History;

namespace Mining.Durable.Backend;

/// <summary>
/// Control messages due far in the future (long durable timers), kept out of the control queues until they come close
/// (see <see cref="DurableTaskOptions.LongTimerThreshold"/>). A sweeper reads the ones coming due, sends them to their queues
/// and then removes them; a crash in between sends them again, which the orchestration drops as a duplicate.
/// </summary>
internal interface IParkedMessages
{
    /// <summary>Stores <paramref name="message"/> (its <see cref="WorkMessage.NotBefore"/> set) by its id: parking the same message
    /// again overwrites it. Returns false, storing nothing, when the message is too large to park; send it to its queue instead.</summary>
    Task<bool> ParkAsync(WorkMessage message, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> parked messages due at or before <paramref name="dueBy"/>, the earliest (by minute)
    /// first; fewer only when no more are due. Nothing is removed: remove them with <see cref="RemoveAsync"/> once sent.</summary>
    Task<IReadOnlyList<WorkMessage>> ReadDueAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken);

    /// <summary>Removes messages returned by <see cref="ReadDueAsync"/>; those already gone (another sweeper) are skipped.</summary>
    Task RemoveAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken);
}
