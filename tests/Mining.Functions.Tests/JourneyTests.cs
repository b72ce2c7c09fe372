using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mining.Testing;

namespace Mining.Functions.Tests;

[CollectionDefinition("DevStack")]
public sealed class DevStackTestGroup : ICollectionFixture<DevStackFixture>;

/// <summary>
/// The whole journey on the real local stack (Azurite, anvil, both Helia nodes, maildev), through the app's own
/// <c>--demo</c>: submit → approval email in maildev → the page shows the exact CID → approve by POST → pinned on
/// node A and node B's pinning API → verified on both gateways → anchored in one batch → confirmed → rewarded →
/// claimed with the contributor's wallet, the token balance grown by the claimable amount.
/// </summary>
[Collection("DevStack")]
public sealed class JourneyOnTheLocalStackTests(DevStackFixture stack)
{
    [Fact]
    public async Task Sample_learnings_go_from_submission_to_a_claimed_reward()
    {
        Assert.Equal(2, stack.Endpoints.IpfsNodes.Count);
        var port = FreePort();
        var app = Path.Combine(AppContext.BaseDirectory, "Mining.Functions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--demo", "--urls", $"http://127.0.0.1:{port}", "--PublicBaseUrl", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Publishing__BatchWindow"] = "00:00:05";
        info.Environment["Demo__FreshContributor"] = "true";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await errors}");
        Assert.Contains("approved through its approval page (200)", text, StringComparison.Ordinal);
        Assert.Contains("All 4 learnings are confirmed and rewarded.", text, StringComparison.Ordinal);
        Assert.Matches("Claimed with the contributor.s wallet in transaction 0x[0-9a-f]{64}", text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
