using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json;

namespace Mining.Testing;

/// <summary>
/// A private anvil on a free loopback port with its own chain id, mining like the dev stack's (a block every second,
/// transactions mined at once), for tests that fault the chain (drained accounts, mining off, reorgs) without
/// disturbing the shared one. The process is killed on dispose; its state is in memory only.
/// </summary>
public sealed class PrivateAnvil : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Process _process;
    private long _nextId;

    private PrivateAnvil(Process process, Uri url, long chainId)
    {
        _process = process;
        Url = url;
        ChainId = chainId;
    }

    /// <summary>The JSON-RPC URL.</summary>
    public Uri Url { get; }

    /// <summary>The chain id, unique per instance (31400 + a random number), so stores keyed by chain id start empty.</summary>
    public long ChainId { get; }

    /// <summary>Starts anvil from infra/local/node_modules and waits until it answers.</summary>
    public static async Task<PrivateAnvil> StartAsync(int blockTimeSeconds = 1)
    {
        var port = FreePort();
        var chainId = 31400 + Random.Shared.Next(1, 1_000_000);
        await LocalTools.EnsureInstalledAsync();
        var start = new ProcessStartInfo(LocalTools.Foundry("anvil")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments =
        [
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--chain-id", chainId.ToString(CultureInfo.InvariantCulture),
            "--block-time", blockTimeSeconds.ToString(CultureInfo.InvariantCulture), "--mixed-mining", "--silent",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var anvil = new PrivateAnvil(process, new Uri($"http://127.0.0.1:{port}/"), chainId);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await anvil.CallAsync("eth_chainId");
                return anvil;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Calls a JSON-RPC method and returns its result; a JSON-RPC error throws with the node's message.</summary>
    public async Task<JsonElement> CallAsync(string method, params object?[] parameters)
    {
        var request = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _nextId), method, @params = parameters };
        using var response = await Http.PostAsJsonAsync(Url, request);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (answer.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed on the private anvil: {error}");
        }

        return answer.GetProperty("result").Clone();
    }

    /// <summary><c>anvil_setBalance</c>: sets an account's balance in wei.</summary>
    public Task SetBalanceAsync(string address, BigInteger wei) => CallAsync("anvil_setBalance", address, Quantity(wei));

    /// <summary>An account's balance in wei (latest block).</summary>
    public async Task<BigInteger> BalanceAsync(string address) => ParseQuantity(await CallAsync("eth_getBalance", address, "latest"));

    /// <summary>Stops all mining (no automine, no interval blocks): sent transactions stay pending.</summary>
    public async Task StopMiningAsync()
    {
        await CallAsync("evm_setAutomine", false);
        await CallAsync("evm_setIntervalMining", 0);
    }

    /// <summary>Mines a block every <paramref name="blockTimeSeconds"/> again (pending transactions go into the next one).</summary>
    /// <remarks>anvil has no RPC for mixed mining: setting an interval replaces automine.</remarks>
    public Task ResumeMiningAsync(int blockTimeSeconds = 1) => CallAsync("evm_setIntervalMining", blockTimeSeconds);

    /// <summary>Mines a block per transaction and no other blocks, so a mined transaction stays at one confirmation until <see cref="MineAsync"/>.</summary>
    public async Task MineOnlyTransactionsAsync()
    {
        await CallAsync("evm_setIntervalMining", 0);
        await CallAsync("evm_setAutomine", true);
    }

    /// <summary><c>anvil_mine</c>: mines <paramref name="blocks"/> blocks now.</summary>
    public Task MineAsync(int blocks = 1) => CallAsync("anvil_mine", Quantity(blocks));

    /// <summary><c>anvil_reorg</c>: replaces the last <paramref name="depth"/> blocks with new (empty) ones.</summary>
    public Task ReorgAsync(int depth) => CallAsync("anvil_reorg", depth, Array.Empty<object>());

    /// <summary>
    /// <c>eth_getTransactionCount</c>: the account's nonce at <paramref name="block"/> — "latest" counts its mined
    /// transactions, "pending" adds those waiting in the pool (more than "latest" while one is pending).
    /// </summary>
    public async Task<long> TransactionCountAsync(string address, string block = "latest") =>
        (long)ParseQuantity(await CallAsync("eth_getTransactionCount", address, block));

    /// <summary><c>eth_getLogs</c> of the whole chain whose first topic is <paramref name="topic"/> (any contract).</summary>
    public async Task<IReadOnlyList<JsonElement>> LogsAsync(string topic) =>
        [.. (await CallAsync("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest", topics = new[] { topic } })).EnumerateArray()];

    /// <summary>The head block number.</summary>
    public async Task<long> BlockNumberAsync() => (long)ParseQuantity(await CallAsync("eth_blockNumber"));

    /// <summary>The canonical block's hash at <paramref name="number"/>, or null past the head.</summary>
    public async Task<string?> BlockHashAsync(long number)
    {
        var block = await CallAsync("eth_getBlockByNumber", Quantity(number), false);
        return block.ValueKind == JsonValueKind.Null ? null : block.GetProperty("hash").GetString();
    }

    /// <summary>The transaction as the node knows it (pending or mined), or null.</summary>
    public async Task<JsonElement?> TransactionAsync(string hash)
    {
        var transaction = await CallAsync("eth_getTransactionByHash", hash);
        return transaction.ValueKind == JsonValueKind.Null ? null : transaction;
    }

    /// <summary>The receipt of a mined transaction, or null.</summary>
    public async Task<JsonElement?> ReceiptAsync(string hash)
    {
        var receipt = await CallAsync("eth_getTransactionReceipt", hash);
        return receipt.ValueKind == JsonValueKind.Null ? null : receipt;
    }

    public static string Quantity(BigInteger value) => "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    public static BigInteger ParseQuantity(JsonElement value) =>
        BigInteger.Parse("0" + value.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
