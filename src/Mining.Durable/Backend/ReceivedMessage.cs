using Mining.Durable.History;

namespace Mining.Durable.Backend;

/// <summary>A message taken from a queue and invisible to others until deleted, abandoned or its lease expires.</summary>
/// <param name="Message">The decoded message.</param>
/// <param name="QueueMessageId">The queue's id of the message.</param>
/// <param name="Receipt">The current pop receipt; renewing returns a new one.</param>
/// <param name="DequeueCount">How many times the queue has delivered it.</param>
/// <param name="PayloadBlob">The blob holding the body when it was too large for the queue.</param>
internal sealed record ReceivedMessage(WorkMessage Message, string QueueMessageId, string Receipt, int DequeueCount, string? PayloadBlob);
