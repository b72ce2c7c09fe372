using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mining.Ethereum.Rpc;

namespace Mining.Ethereum.Benchmarks;

/// <summary>An anvil on a free loopback port started from infra/local, so figures are not disturbed by other users of the dev stack chain.</summary>
internal sealed class PrivateAnvil : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateAnvil(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<PrivateAnvil> StartAsync()
    {
        var foundry = Path.Combine(FindRoot(), "infra", "local", "node_modules", "@foundry-rs");
        var binary = Directory.GetDirectories(foundry, "anvil-*").Select(d => Path.Combine(d, "bin", "anvil")).First(File.Exists);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        var anvil = new PrivateAnvil(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        var probe = new EthRpcClient(new HttpClient(), new EthRpcOptions { Endpoint = anvil.Url, MaxRetryAttempts = 0 });
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await probe.Eth.ChainId.SendRequestAsync();
                return anvil;
            }
            catch (RpcUnreachableException) when (attempt < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mining.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (Mining.Functions.sln not found).");
    }
}
