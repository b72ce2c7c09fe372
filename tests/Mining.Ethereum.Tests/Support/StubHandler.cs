using System.Net;
using System.Text;

namespace Mining.Ethereum.Tests.Support;

/// <summary>An HTTP handler that answers from a queue of canned responses and records the request bodies.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<string> Requests { get; } = [];

    public StubHandler Then(HttpStatusCode status, string body, Action<HttpResponseMessage>? configure = null)
    {
        _responses.Enqueue(() =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        });
        return this;
    }

    public StubHandler ThenResult(string resultJson) => Then(HttpStatusCode.OK, $$"""{"jsonrpc":"2.0","id":1,"result":{{resultJson}}}""");

    public StubHandler ThenError(int code, string message, string? dataJson = null)
    {
        var data = dataJson is null ? string.Empty : ",\"data\":" + dataJson;
        return Then(HttpStatusCode.OK, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"" + data + "}}");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
        if (_responses.Count == 0)
        {
            throw new InvalidOperationException("The stub has no more responses.");
        }

        return _responses.Dequeue()();
    }
}
