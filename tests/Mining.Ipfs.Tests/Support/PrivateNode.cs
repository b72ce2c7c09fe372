using System.Diagnostics;
using System.Text.Json;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Support;

/// <summary>A node of infra/local/ipfs-node.mjs started by a test on its own repo folder and free ports.</summary>
internal sealed class PrivateNode : IAsyncDisposable
{
    public const string Token = "private-node-token";

    private readonly Process _process;

    private PrivateNode(Process process, JsonElement ready)
    {
        _process = process;
        RpcUrl = new Uri($"http://127.0.0.1:{ready.GetProperty("rpcPort").GetInt32()}/");
        GatewayUrl = new Uri($"http://127.0.0.1:{ready.GetProperty("gatewayPort").GetInt32()}/");
        PinningUrl = new Uri($"http://127.0.0.1:{ready.GetProperty("pinningPort").GetInt32()}/");
        PeerId = ready.GetProperty("peerId").GetString()!;
    }

    public Uri RpcUrl { get; }

    public Uri GatewayUrl { get; }

    public Uri PinningUrl { get; }

    public string PeerId { get; }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static async Task<PrivateNode> StartAsync(string repo)
    {
        var start = new ProcessStartInfo((await LocalTools.EnsureInstalledAsync()).Node)
        {
            WorkingDirectory = LocalTools.InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "ipfs-node.mjs", "--name", "private", "--repo", repo, "--pinning-token", Token, "--fetch-timeout-ms", "2000", "--pin-timeout-ms", "3000" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                return new PrivateNode(process, JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
        }

        throw new InvalidOperationException($"ipfs-node.mjs exited ({(process.HasExited ? process.ExitCode : "running")}) before printing READY.");
    }

    /// <summary>Sends SIGTERM and waits for the process to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
