using System.Net;
using Microsoft.Extensions.Time.Testing;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Tests.Support;
using Mining.Testing;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Ethereum.Tests.Rpc;

public sealed class EthRpcClientTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/");

    private static EthRpcClient Client(StubHandler stub, TimeProvider? time = null, int retries = 3) =>
        new(new HttpClient(stub), new EthRpcOptions { Endpoint = Endpoint, MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(1) }, time);

    [Fact]
    public async Task A_429_with_retry_after_in_seconds_waits_that_long_before_retrying()
    {
        var stub = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)))
            .ThenResult("\"0x7a69\"");
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var call = Client(stub, time).Eth.ChainId.SendRequestAsync();

        await AdvanceUntil(time, () => stub.Requests.Count == 2);

        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(7), $"retried after {time.GetUtcNow() - start}");
        Assert.Equal(31337, (int)(await call).Value);
    }

    [Fact]
    public async Task A_429_with_retry_after_as_an_http_date_waits_until_that_date()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var until = time.GetUtcNow().AddSeconds(30);
        var stub = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(until))
            .ThenResult("\"0x10\"");
        var call = Client(stub, time).Eth.Blocks.GetBlockNumber.SendRequestAsync();

        await AdvanceUntil(time, () => stub.Requests.Count == 2);

        Assert.True(time.GetUtcNow() >= until, $"retried at {time.GetUtcNow():O}, before {until:O}");
        Assert.Equal(16, (int)(await call).Value);
    }

    [Fact]
    public async Task A_503_with_retry_after_waits_that_long_before_retrying()
    {
        var stub = new StubHandler()
            .Then(HttpStatusCode.ServiceUnavailable, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5)))
            .ThenResult("\"0x7a69\"");
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var call = Client(stub, time).Eth.ChainId.SendRequestAsync();

        await AdvanceUntil(time, () => stub.Requests.Count == 2);

        Assert.True(time.GetUtcNow() - start >= TimeSpan.FromSeconds(5), $"retried after {time.GetUtcNow() - start}");
        Assert.Equal(31337, (int)(await call).Value);
    }

    [Fact]
    public async Task A_503_asking_to_wait_longer_than_the_limit_fails_at_once_as_unreachable()
    {
        var stub = new StubHandler()
            .Then(HttpStatusCode.ServiceUnavailable, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMinutes(10)));
        var error = await Assert.ThrowsAsync<RpcUnreachableException>(() => Client(stub).Eth.ChainId.SendRequestAsync());
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_limit_fails_at_once_with_a_typed_error()
    {
        var stub = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, "", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(1)));
        var error = await Assert.ThrowsAsync<RateLimitedException>(() => Client(stub).Eth.ChainId.SendRequestAsync());
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Json_rpc_rate_limit_code_is_retried_then_reported_as_rate_limited()
    {
        var stub = new StubHandler();
        for (var i = 0; i < 3; i++)
        {
            stub.ThenError(-32005, "limit exceeded");
        }

        await Assert.ThrowsAsync<RateLimitedException>(() => Client(stub, retries: 2).Eth.ChainId.SendRequestAsync());
        Assert.Equal(3, stub.Requests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_a_success_afterwards_is_returned()
    {
        var stub = new StubHandler().Then(HttpStatusCode.BadGateway, "").Then(HttpStatusCode.ServiceUnavailable, "").ThenResult("\"0x1\"");
        Assert.Equal(1, (int)(await Client(stub).Eth.ChainId.SendRequestAsync()).Value);
        Assert.Equal(3, stub.Requests.Count);
    }

    [Theory]
    [InlineData(-32000, "nonce too low: next nonce 5, tx nonce 4", typeof(NonceTooLowException))]
    [InlineData(-32000, "replacement transaction underpriced", typeof(ReplacementUnderpricedException))]
    [InlineData(-32003, "transaction already imported", typeof(AlreadyKnownException))]
    [InlineData(-32000, "already known", typeof(AlreadyKnownException))]
    [InlineData(-32003, "Insufficient funds for gas * price + value", typeof(InsufficientFundsException))]
    [InlineData(-32601, "the method eth_foo does not exist", typeof(EthereumRpcException))]
    public async Task Node_errors_become_typed_exceptions_and_are_not_retried(int code, string message, Type expected)
    {
        var stub = new StubHandler().ThenError(code, message);
        var error = await Assert.ThrowsAnyAsync<EthereumRpcException>(() => Client(stub).Eth.GasPrice.SendRequestAsync());
        Assert.IsType(expected, error);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task Geth_insufficient_funds_carries_address_balance_and_cost()
    {
        var stub = new StubHandler().ThenError(-32000, $"insufficient funds for gas * price + value: address {AnvilAccounts.Address1} have 100 want 2100");
        var error = await Assert.ThrowsAsync<InsufficientFundsException>(() => Client(stub).Eth.GasPrice.SendRequestAsync());
        Assert.Equal(Address.Parse(AnvilAccounts.Address1), error.Address);
        Assert.Equal(100, (int)error.Balance!.Value);
        Assert.Equal(2100, (int)error.Cost!.Value);
        Assert.Contains(AnvilAccounts.Address1, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revert_with_custom_error_data_is_decoded_with_the_given_errors()
    {
        const string abi = """[{"type":"error","name":"InvalidProof","inputs":[{"name":"account","type":"address"}]}]""";
        var data = Cast.Run("calldata", "InvalidProof(address)", AnvilAccounts.Address1);
        var stub = new StubHandler().ThenError(3, "execution reverted", $"\"{data}\"");

        var call = new CallInput { To = Address.Zero.ToString(), Data = "0x00000000" };
        var reverted = await Assert.ThrowsAsync<ExecutionRevertedException>(() =>
            RevertDecoder.FromAbi(abi).DecodeRevertsAsync(Client(stub).Eth.Transactions.Call.SendRequestAsync(call)));
        Assert.Equal("InvalidProof", reverted.Reason.Name);
        Assert.Equal(Address.Parse(AnvilAccounts.Address1), reverted.Reason.Arguments[0]);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_then_reported_as_unreachable()
    {
        var attempts = 0;
        var handler = new CountingFailingHandler(() => attempts++);
        var client = new EthRpcClient(new HttpClient(handler), new EthRpcOptions { Endpoint = Endpoint, MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<RpcUnreachableException>(() => client.Eth.ChainId.SendRequestAsync());
        Assert.Equal(3, attempts);
        Assert.Contains(Endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_answer_times_out_with_a_typed_error_on_the_configured_clock()
    {
        var time = new FakeTimeProvider();
        var client = new EthRpcClient(new HttpClient(new HangingHandler()), new EthRpcOptions { Endpoint = Endpoint, MaxRetryAttempts = 0, RequestTimeout = TimeSpan.FromSeconds(30) }, time);
        var call = client.Eth.ChainId.SendRequestAsync();

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<RpcTimeoutException>(() => call);
        Assert.True(error.IsTransient);
        Assert.Contains("30 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_http_429_with_an_http_date_retry_after_is_parsed_and_honoured()
    {
        using var server = new System.Net.HttpListener();
        var port = FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var until = time.GetUtcNow().AddSeconds(12);
        var client = new EthRpcClient(new HttpClient(), new EthRpcOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/"), MaxRetryAttempts = 1 }, time);
        var call = client.Eth.ChainId.SendRequestAsync();

        var first = await server.GetContextAsync();
        first.Response.StatusCode = 429;
        first.Response.Headers["Retry-After"] = until.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        first.Response.Close();
        var second = server.GetContextAsync();
        await AdvanceUntil(time, () => second.IsCompleted);
        Assert.True(time.GetUtcNow() >= until, $"retried at {time.GetUtcNow():O}, before {until:O}");

        var context = await second;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x7a69\"}"u8.ToArray());
        context.Response.Close();
        Assert.Equal(31337, (int)(await call).Value);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new EthRpcOptions { Endpoint = null, MaxRetryAttempts = -1 }.Validate());
        Assert.Contains("EthRpcOptions.Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("EthRpcOptions.MaxRetryAttempts", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Moves the fake clock forward in 100 ms steps, letting the client run between steps, until the condition holds.</summary>
    private static async Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(1);
            if (!condition())
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    private sealed class CountingFailingHandler(Action onAttempt) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onAttempt();
            throw new HttpRequestException("Connection refused (127.0.0.1:1)");
        }
    }
}
