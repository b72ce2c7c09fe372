using Mining.Durable.History;

namespace Mining.Durable.Backend;

/// <summary>An at-least-once queue: a received message reappears unless deleted before its visibility timeout.</summary>
internal interface IWorkQueue
{
    string Name { get; }

    /// <summary>Sends a message visible after <paramref name="delay"/> (at most the backend's <see cref="IDurableBackend.MaxMessageDelay"/>).</summary>
    Task SendAsync(WorkMessage message, TimeSpan delay, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>Extends the lease; the returned message carries the new receipt.</summary>
    Task<ReceivedMessage> RenewAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="delay"/>.</summary>
    Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when, after it was read, this process sends the queue a message or a message it delayed becomes visible.
    /// A poller reads it before receiving, so a message sent while the receive is under way still wakes it.
    /// </summary>
    Task Arrival { get; }
}
