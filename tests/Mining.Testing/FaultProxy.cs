using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mining.Testing;

/// <summary>What a <see cref="FaultProxy"/> does with the next connections.</summary>
public enum FaultMode
{
    /// <summary>Relays bytes both ways to the upstream, untouched.</summary>
    Pass,

    /// <summary>Not listening: connections are refused, as when the component is down.</summary>
    Down,

    /// <summary>Answers every HTTP request with <c>429 Too Many Requests</c> and <c>Retry-After</c>, never reaching the upstream.</summary>
    RateLimited,
}

/// <summary>
/// A loopback TCP proxy in front of a real component (an IPFS node, anvil) that a test switches between passing
/// traffic, being down (connection refused) and rate limiting (HTTP 429 with Retry-After). The component itself keeps
/// running for the other tests; only clients configured with <see cref="Url"/> see the fault.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _requests;
    private int _rateLimited;

    private FaultProxy(Uri upstream, int port)
    {
        _upstream = upstream;
        Port = port;
    }

    /// <summary>The loopback port the proxy listens on (kept across <see cref="FaultMode.Down"/>).</summary>
    public int Port { get; }

    /// <summary>The upstream's URL with the proxy's port: configure the client under test with it.</summary>
    public Uri Url => new UriBuilder(_upstream) { Host = "127.0.0.1", Port = Port }.Uri;

    /// <summary>Connections accepted so far (in any mode but <see cref="FaultMode.Down"/>).</summary>
    public int Connections => Volatile.Read(ref _requests);

    /// <summary>Requests answered with 429 so far.</summary>
    public int RateLimitedAnswers => Volatile.Read(ref _rateLimited);

    /// <summary>The <c>Retry-After</c> seconds sent in <see cref="FaultMode.RateLimited"/>.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public FaultMode Mode { get; private set; } = FaultMode.Pass;

    /// <summary>Starts a proxy on a free loopback port in front of <paramref name="upstream"/> (an http URL).</summary>
    public static FaultProxy Start(Uri upstream)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var proxy = new FaultProxy(upstream, port);
        proxy.Listen();
        return proxy;
    }

    /// <summary>Switches the mode; <see cref="FaultMode.Down"/> stops listening and drops open connections.</summary>
    public void Set(FaultMode mode)
    {
        lock (_gate)
        {
            if (mode == Mode)
            {
                return;
            }

            if (mode == FaultMode.Down)
            {
                _listener?.Stop();
                _listener = null;
            }
            else if (Mode == FaultMode.Down)
            {
                Listen();
            }

            Mode = mode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        lock (_gate)
        {
            _listener?.Stop();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _acceptLoop = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => ServeAsync(client, listener));
        }
    }

    private async Task ServeAsync(TcpClient client, TcpListener listener)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                if (Mode == FaultMode.RateLimited)
                {
                    await AnswerRateLimitedAsync(stream);
                    return;
                }

                using var upstream = new TcpClient();
                await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
                var upstreamStream = upstream.GetStream();
                using var down = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var watch = WatchForDownAsync(listener, down);
                await Task.WhenAny(
                    stream.CopyToAsync(upstreamStream, down.Token),
                    upstreamStream.CopyToAsync(stream, down.Token));
                await down.CancelAsync();
                await watch;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client, the upstream or the proxy went away: the connection ends, as it would with the real component.
            }
        }
    }

    /// <summary>
    /// Cuts a relayed connection when the proxy goes down or starts rate limiting, so a kept-alive connection does not
    /// outlive the "outage" (the client's next request opens a new connection, which sees the fault).
    /// </summary>
    private async Task WatchForDownAsync(TcpListener listener, CancellationTokenSource connection)
    {
        try
        {
            while (!connection.IsCancellationRequested)
            {
                if (!ReferenceEquals(_listener, listener) || Mode != FaultMode.Pass)
                {
                    await connection.CancelAsync();
                    return;
                }

                await Task.Delay(50, connection.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AnswerRateLimitedAsync(NetworkStream stream)
    {
        // Read the request head (and whatever body arrived with it) before answering, as a server would.
        var buffer = new byte[16 * 1024];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Interlocked.Increment(ref _rateLimited);
        var body = "{\"error\":\"rate limited by the test's fault proxy\"}";
        var response = $"HTTP/1.1 429 Too Many Requests\r\nRetry-After: {RetryAfterSeconds}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
    }
}
