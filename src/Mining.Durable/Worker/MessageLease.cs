using Mining.Durable.Backend;

namespace Mining.Durable.Worker;

/// <summary>Keeps a received message invisible while its work runs by renewing it at half its visibility timeout.</summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly IWorkQueue _queue;
    private readonly TimeSpan _visibility;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private ReceivedMessage _current;

    public MessageLease(IWorkQueue queue, ReceivedMessage message, TimeSpan visibility, TimeProvider time)
    {
        _queue = queue;
        _current = message;
        _visibility = visibility;
        _time = time;
        _renewal = RenewAsync();
    }

    /// <summary>The message with its latest receipt.</summary>
    public ReceivedMessage Current => Volatile.Read(ref _current);

    public int Renewals { get; private set; }

    private async Task RenewAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                // Most leases end before their first renewal: the stopped wait returns without an exception.
                await Task.Delay(_visibility / 2, _time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                Volatile.Write(ref _current, await _queue.RenewAsync(Current, _visibility, _stop.Token));
                Renewals++;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Net.Http.HttpRequestException or Azure.RequestFailedException)
            {
                // A failed renewal is retried at the next half-period; if the lease lapses the message runs again elsewhere (at least once).
                continue;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        _stop.Dispose();
    }
}
