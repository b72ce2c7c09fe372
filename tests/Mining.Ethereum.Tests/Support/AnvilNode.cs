using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json;
using Mining.Ethereum.Rpc;
using Mining.Testing;
using Nethereum.Hex.HexTypes;
using Newtonsoft.Json.Linq;

namespace Mining.Ethereum.Tests.Support;

/// <summary>A private anvil on a free loopback port, for scenarios that would disturb the shared dev stack chain (mining off, reorgs, drops).</summary>
internal sealed class AnvilNode : IAsyncDisposable
{
    private readonly Process _process;

    private AnvilNode(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Rpc = CreateClient(url);
    }

    public Uri Url { get; }

    public EthRpcClient Rpc { get; }

    public static EthRpcClient CreateClient(Uri url, int retries = 2) =>
        new(new HttpClient(), new EthRpcOptions { Endpoint = url, MaxRetryAttempts = retries, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200) });

    public static async Task<AnvilNode> StartAsync(params string[] arguments)
    {
        var port = FreePort();
        await LocalTools.EnsureInstalledAsync();
        var start = new ProcessStartInfo(LocalTools.Foundry("anvil"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start.");
        var node = new AnvilNode(process, new Uri($"http://127.0.0.1:{port}/"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await node.Rpc.Eth.ChainId.SendRequestAsync();
                return node;
            }
            catch (RpcUnreachableException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task<JsonElement> CallAsync(string method, params object?[] parameters)
    {
        var result = await Rpc.SendRequestAsync<JToken?>(method, null, parameters);
        using var document = JsonDocument.Parse(result?.ToString(Newtonsoft.Json.Formatting.None) ?? "null");
        return document.RootElement.Clone();
    }

    public Task SetBalanceAsync(Address address, BigInteger wei) => CallAsync("anvil_setBalance", address.ToString(), new HexBigInteger(wei).HexValue);

    public Task MineAsync(int blocks = 1) => CallAsync("anvil_mine", new HexBigInteger((ulong)blocks).HexValue);

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
