using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mining.Functions.Tests.Webhooks;

/// <summary>
/// A webhook receiver on loopback (Kestrel on 127.0.0.1, a free port) that keeps every request it gets and answers
/// as told: 200, a redirect, nothing (it waits for the caller to give up), or an endless 200 body.
/// </summary>
internal sealed class LocalReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How the receiver answers: <c>ok</c>, <c>redirect:{location}</c>, <c>hang</c> or <c>endless</c>.</summary>
    public string Mode { get; set; } = "ok";

    public int Port { get; private set; }

    public Uri Url(string path = "hook") => new($"http://127.0.0.1:{Port}/{path}");

    public static async Task<LocalReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new LocalReceiver(app);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync();
        receiver.Port = new Uri(app.Urls.Single()).Port;
        return receiver;
    }

    /// <summary>Waits for the next request (at most 30 s).</summary>
    public async Task<Received> NextAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Received? received;
        while (!Requests.TryDequeue(out received))
        {
            Assert.True(DateTime.UtcNow < deadline, "The receiver got no request.");
            await Task.Delay(100);
        }

        return received;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Requests.Enqueue(new Received(
            context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
        switch (Mode)
        {
            case var redirect when redirect.StartsWith("redirect:", StringComparison.Ordinal):
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = redirect["redirect:".Length..];
                break;
            case "hang":
                await Task.WhenAny(_released.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
                break;
            case "endless":
                context.Response.StatusCode = 200;
                var chunk = new byte[16 * 1024];
                while (!context.RequestAborted.IsCancellationRequested && !_released.Task.IsCompleted)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }

                break;
            default:
                context.Response.StatusCode = 200;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
}
