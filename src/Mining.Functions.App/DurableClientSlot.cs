using Microsoft.DurableTask.Client;

namespace Mining.Functions.App;

/// <summary>
/// The Durable Task client the Functions host gave the latest invocation through its <c>[DurableClient]</c> binding: every
/// function whose work may reach the client (HTTP, timers, activities) puts its binding here first, and
/// <see cref="ForwardingDurableClient"/> serves the service's classes from it.
/// </summary>
internal sealed class DurableClientSlot
{
    private volatile DurableTaskClient? client;

    public DurableTaskClient Client => client ?? throw new DurableClientMissingException();

    public void Set(DurableTaskClient bound) => client = bound ?? throw new ArgumentNullException(nameof(bound));
}
