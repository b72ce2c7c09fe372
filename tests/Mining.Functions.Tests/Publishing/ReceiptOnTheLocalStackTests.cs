using System.Diagnostics;
using System.Net;
using Mining.Cli.Receipts;
using Mining.Core.Merkle;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ipfs.Gateways;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>A rewarded learning's receipt checks out against anvil and both gateways, without the service; a tampered one does not.</summary>
[Collection("DevStack")]
public sealed class ReceiptOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_receipt_of_a_rewarded_learning_verifies_offline_and_a_tampered_one_fails_the_right_checks()
    {
        var (client, _) = await app.NewContributorAsync();
        var id = (await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()))).GetProperty("id").GetString()!;
        using (var early = await client.GetAsync(new Uri($"/api/learnings/{id}/receipt", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        (await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("status").GetString() == "Rewarded", TimeSpan.FromSeconds(120));
        var json = await client.GetByteArrayAsync(new Uri($"/api/learnings/{id}/receipt", UriKind.Relative));
        var receipt = LearningReceipt.FromJson(json);

        var checks = await Verifier().VerifyAsync(receipt, Gateways);
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(["proof", $"content on {Gateways[0]}", $"content on {Gateways[1]}", "chain", "transaction", "anchor event", "confirmations", "registry", "registry proof"],
            checks.Select(c => c.Name));

        var otherBlock = await Verifier().VerifyAsync(receipt with { BlockHash = Hash32.Parse("0x" + new string('1', 64)) }, Gateways);
        Assert.Equal(["transaction"], Failed(otherBlock));
        var forged = receipt with { Root = Hash32.Parse("0x" + new string('2', 64)) };
        Assert.Equal(["proof", "anchor event", "registry", "registry proof"], Failed(await Verifier().VerifyAsync(forged, Gateways)));

        var file = Path.Combine(Path.GetTempPath(), $"receipt-{id}.json");
        await File.WriteAllBytesAsync(file, json);
        try
        {
            var (exit, output) = await MiningAsync("receipt", "verify", file, "--rpc", stack.Endpoints.AnvilRpcUrl.ToString(),
                "--gateway", Gateways[0].ToString(), "--gateway", Gateways[1].ToString());
            Assert.True(exit == 0, output);
            Assert.Contains($"ok    content on {Gateways[1]}", output, StringComparison.Ordinal);
            await File.WriteAllBytesAsync(file, forged.ToJson());
            (exit, output) = await MiningAsync("receipt", "verify", file, "--rpc", stack.Endpoints.AnvilRpcUrl.ToString(), "--gateway", Gateways[0].ToString());
            Assert.True(exit == 8, output);
            Assert.Contains("FAIL  registry:", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private IReadOnlyList<Uri> Gateways => [.. stack.Endpoints.IpfsNodes.Select(n => n.GatewayUrl)];

    private static List<string> Failed(IReadOnlyList<ReceiptCheck> checks) => [.. checks.Where(c => !c.Passed).Select(c => c.Name)];

    private ReceiptVerifier Verifier() => new(
        new EthRpcClient(_http, new EthRpcOptions { Endpoint = stack.Endpoints.AnvilRpcUrl }),
        new GatewayVerifier(_http, new GatewayVerifierOptions { Gateways = [.. Gateways], Quorum = 2 }));

    private static async Task<(int Exit, string Output)> MiningAsync(params string[] args)
    {
        // The CLI runs from its own build output (beside this suite's, same configuration): this suite's folder resolves
        // shared assemblies for ASP.NET Core, which the CLI does not run on.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var cli = Path.Combine(LocalStackApp.RepositoryRoot(), "src", "Mining.Cli", "bin", output.Parent!.Name, output.Name, "mining.dll");
        var info = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await text + await errors);
    }
}
