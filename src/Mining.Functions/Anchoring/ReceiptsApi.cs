using Mining.Contracts;
using Mining.Core.Merkle;
using Mining.Functions.Chain;
using Mining.Functions.Http;
using Mining.Functions.Learnings;
using Nethereum.Contracts;

namespace Mining.Functions.Anchoring;

/// <summary>
/// <c>GET /api/learnings/{id}/receipt</c> (contributor key, own learnings): the learning's portable receipt — CID,
/// leaf, proof, root, the registry's batch number, chain, contract, transaction and block — which anyone can check
/// against a chain node and IPFS gateways without this service (<c>mining receipt verify</c>).
/// </summary>
internal static class ReceiptsApi
{
    public static void MapReceiptsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/learnings/{id}/receipt", GetAsync).WithTags("Learnings").RequireContributor();

    private static async Task<IResult> GetAsync(HttpContext context, string id, LearningStore learnings, ChainService chain)
    {
        var contributor = ApiAuth.Contributor(context);
        var learning = LearningIds.IsWellFormed(id) ? await learnings.FindAsync(contributor.Id, id, context.RequestAborted) : null;
        if (learning is null)
        {
            return Problems.NotFound($"You have no learning with id '{Problems.Truncate(id)}'.");
        }

        if (learning.Status != LearningStatus.Rewarded || learning.Anchor is not { TransactionHash: { } tx, BlockNumber: { } block, BlockHash: { } blockHash } anchor)
        {
            return Problems.Conflict($"Learning {id} is {learning.Status}: a receipt exists once it is anchored and confirmed (status Rewarded).");
        }

        var ready = await chain.ReadyAsync();
        var onChain = await chain.Rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(tx.ToString()).WaitAsync(context.RequestAborted);
        var root = anchor.Root;
        var anchored = (onChain?.Logs?.ConvertToFilterLog() ?? []).Where(l => string.Equals(l.Address, ready.Registry.Address.ToString(), StringComparison.OrdinalIgnoreCase))
            .Select(LearningRegistryContract.TryDecodeBatchAnchored)
            .OfType<BatchAnchoredEvent>().FirstOrDefault(e => e.Root == root);
        if (anchored is null)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, "Anchor not found on chain",
                $"The chain node does not (or no longer) show the anchor transaction {tx} of this learning; try again once the node has caught up.");
        }

        var receipt = new LearningReceipt
        {
            Cid = learning.Cid,
            Leaf = anchor.Leaf,
            Proof = anchor.Proof,
            Root = anchor.Root,
            BatchId = anchored.BatchId,
            ChainId = ready.Deployment.ChainId,
            Contract = ready.Registry.Address,
            TransactionHash = tx.Value,
            BlockNumber = (ulong)block,
            BlockHash = blockHash,
        };
        return Results.Bytes(receipt.ToJson(), "application/json");
    }
}
