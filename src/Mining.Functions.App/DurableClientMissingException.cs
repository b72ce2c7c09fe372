namespace Mining.Functions.App;

/// <summary>The Durable Task client was asked for before any function received one from its <c>[DurableClient]</c> binding.</summary>
internal sealed class DurableClientMissingException()
    : InvalidOperationException("No Durable Task client has been bound yet: a function that uses the service's Durable Task client must take a "
        + "'[DurableClient] DurableTaskClient' parameter and put it in the DurableClientSlot before calling the service.");
