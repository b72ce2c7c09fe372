namespace Mining.Ipfs.Tests.Support;

/// <summary>An HTTP handler that answers from a script, recording each request (a fake provider or a flaky network).</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> respond) : DelegatingHandler
{
    public List<(HttpMethod Method, Uri Uri, string? Authorization)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        return await respond(request, Requests.Count);
    }

    /// <summary>Passes requests through to the network once the script has nothing to say (returns null).</summary>
    public static StubHandler Before(Func<int, Exception?> failure) => new PassThrough(failure).Handler;

    private sealed class PassThrough(Func<int, Exception?> failure)
    {
        private readonly HttpMessageInvoker _network = new(new SocketsHttpHandler());

        public StubHandler Handler => new((request, n) =>
            failure(n) is { } error ? Task.FromException<HttpResponseMessage>(error) : _network.SendAsync(request, CancellationToken.None));
    }
}
