using System.Diagnostics;
using Mining.DevStack;
using Mining.Ipfs.Gateways;
using Mining.Ipfs.Kubo;

namespace Mining.Ipfs.Benchmarks;

/// <summary>Add + pin + two-gateway verification of a 50 KB document on the dev stack's nodes, against an <c>id</c> round trip.</summary>
internal static class PublishLatency
{
    private const int Runs = 40;

    public static async Task RunAsync()
    {
        var up = await new DevStackManager(DevStackOptions.ForRepository()).UpAsync();
        var a = up.Endpoints.IpfsNodes.Single(n => n.Name == "A");
        var b = up.Endpoints.IpfsNodes.Single(n => n.Name == "B");
        using var http = new HttpClient();
        var kubo = new KuboClient(http, new KuboClientOptions { ApiUrl = a.RpcUrl });
        var verifier = new GatewayVerifier(http, new GatewayVerifierOptions { Gateways = [a.GatewayUrl, b.GatewayUrl], Quorum = 2 });

        var baseline = new List<double>();
        var publish = new List<double>();
        await kubo.IdAsync();
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await kubo.IdAsync();
            baseline.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            var document = new byte[50_000];
            Random.Shared.NextBytes(document);
            start = Stopwatch.GetTimestamp();
            var added = await kubo.AddAsync(new MemoryStream(document), new KuboAddOptions { Pin = true });
            var verdict = await verifier.VerifyAsync(added.Cid);
            publish.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!verdict.QuorumReached)
            {
                throw new InvalidOperationException(verdict.Summary);
            }
        }

        Console.WriteLine($"Add + pin + verify on 2 gateways, 50 KB document, {Runs} runs on the local Helia nodes (B fetches over bitswap)");
        Console.WriteLine($"  publish  p50 {Percentile(publish, 50),7:F1} ms   p95 {Percentile(publish, 95),7:F1} ms");
        Console.WriteLine($"  id RPC   p50 {Percentile(baseline, 50),7:F1} ms   p95 {Percentile(baseline, 95),7:F1} ms   (baseline)");
        Console.WriteLine($"  ratio p50 {Percentile(publish, 50) / Percentile(baseline, 50):F1}x the baseline round trip");
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
