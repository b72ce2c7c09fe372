using Mining.Functions.Chain;
using Mining.Functions.Pinning;
using Mining.Functions.Storage;

namespace Mining.Functions.Hosting;

/// <summary><c>/readyz</c>: storage, the first IPFS node and the chain each answer.</summary>
internal static class Readiness
{
    public static void MapReadiness(this IEndpointRouteBuilder app) =>
        app.MapGet("/readyz", async (AppStorage storage, IpfsTargets ipfs, ChainService chain, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var checks = new Dictionary<string, bool>
            {
                ["storage"] = await storage.IsReachableAsync(timeout.Token),
                ["ipfs"] = await Try(() => ipfs.PrimaryNode.IdAsync(timeout.Token)),
                ["chain"] = await Try(() => chain.Rpc.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(timeout.Token)),
            };
            var ready = checks.Values.All(v => v);
            return Results.Json(new { status = ready ? "ready" : "not ready", checks }, statusCode: ready ? 200 : 503);
        });

    private static async Task<bool> Try(Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
