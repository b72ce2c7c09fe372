using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Tests.Webhooks;

/// <summary>
/// A test resolver: each scripted name answers its queued address lists in turn (the last one repeats), which is how
/// a name that changes its answer between the settings check and the delivery (DNS rebinding) is played. An unscripted
/// name does not resolve.
/// </summary>
internal sealed class ScriptedResolver : IWebhookResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Queues one answer for <paramref name="host"/>.</summary>
    public void Answer(string host, params IPAddress[] addresses) =>
        _answers.GetOrAdd(host, _ => new ConcurrentQueue<IPAddress[]>()).Enqueue(addresses);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (!_answers.TryGetValue(host, out var queue) || !queue.TryPeek(out var answer))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (queue.Count > 1)
        {
            queue.TryDequeue(out answer);
        }

        return Task.FromResult(answer!);
    }
}
