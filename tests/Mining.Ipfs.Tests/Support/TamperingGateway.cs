using System.Net;
using System.Net.Sockets;

namespace Mining.Ipfs.Tests.Support;

/// <summary>
/// A real HTTP gateway on loopback that forwards every request to an honest gateway and rewrites the body on the way
/// back (flip a byte, cut it short): what a dishonest or broken gateway would serve.
/// </summary>
internal sealed class TamperingGateway : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Uri _honest;
    private readonly Func<byte[], byte[]> _rewrite;
    private readonly Task _loop;

    public TamperingGateway(Uri honest, Func<byte[], byte[]> rewrite)
    {
        _honest = honest;
        _rewrite = rewrite;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public static byte[] FlipOneByte(byte[] body)
    {
        var copy = (byte[])body.Clone();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        _upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_honest, context.Request.Url!.PathAndQuery));
            foreach (var accept in context.Request.AcceptTypes ?? [])
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            using var response = await _upstream.SendAsync(request);
            var body = _rewrite(await response.Content.ReadAsByteArrayAsync());
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
