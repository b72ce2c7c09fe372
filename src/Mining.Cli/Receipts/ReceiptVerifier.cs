using Mining.Contracts;
using Mining.Core.Merkle;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ipfs.Gateways;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Cli.Receipts;

/// <summary>One check of a receipt and what it found.</summary>
public sealed record ReceiptCheck(string Name, bool Passed, string Detail);

/// <summary>
/// Verifies a learning receipt without the service that issued it: only the chain (any JSON-RPC node) and IPFS
/// gateways (trustless: every byte is hashed against the CID) are asked. Every check runs; none stops the others.
/// </summary>
public sealed class ReceiptVerifier(EthRpcClient rpc, GatewayVerifier gateways)
{
    public async Task<IReadOnlyList<ReceiptCheck>> VerifyAsync(LearningReceipt receipt, IReadOnlyList<Uri> gatewayUrls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(gatewayUrls);
        var checks = new List<ReceiptCheck>
        {
            new("proof", receipt.VerifyProof(), receipt.VerifyProof()
                ? $"the leaf is the CID's leaf and {receipt.Proof.Count} proof step(s) lead to root {receipt.Root}"
                : "the leaf is not the CID's leaf, or the proof does not lead to the root"),
        };

        var cid = receipt.Cid;
        foreach (var gateway in gatewayUrls)
        {
            var result = await gateways.VerifyOnAsync(gateway, cid, cancellationToken);
            checks.Add(new($"content on {gateway}", result.Outcome == GatewayOutcome.Verified,
                result.Outcome == GatewayOutcome.Verified ? $"{result.BytesReceived} bytes hash to {receipt.Cid}" : $"{result.Outcome}: {result.Reason}"));
        }

        checks.AddRange(await CheckChainAsync(receipt, cancellationToken));
        return checks;
    }

    private async Task<IEnumerable<ReceiptCheck>> CheckChainAsync(LearningReceipt receipt, CancellationToken cancellationToken)
    {
        var checks = new List<ReceiptCheck>();
        var chainId = (ulong)(await rpc.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        checks.Add(new("chain", chainId == receipt.ChainId, $"the node serves chain {chainId}; the receipt names chain {receipt.ChainId}"));
        var contract = receipt.Contract;
        var root = receipt.Root;
        var registry = new LearningRegistryContract(rpc, contract);
        var onChain = await rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(new TxHash(receipt.TransactionHash).ToString()).WaitAsync(cancellationToken);
        if (onChain is null)
        {
            checks.Add(new("transaction", false, $"transaction {receipt.TransactionHash} is not on this chain"));
        }
        else
        {
            var anchored = (onChain.Logs?.ConvertToFilterLog() ?? []).Where(l => string.Equals(l.Address, contract.ToString(), StringComparison.OrdinalIgnoreCase))
                .Select(LearningRegistryContract.TryDecodeBatchAnchored).OfType<BatchAnchoredEvent>().ToList();
            var succeeded = onChain.Succeeded(treatNullStatusAsFailure: false);
            var block = (ulong)onChain.BlockNumber.Value;
            var inReceipt = succeeded && block == receipt.BlockNumber && Hash32.Parse(onChain.BlockHash) == receipt.BlockHash;
            checks.Add(new("transaction", inReceipt,
                $"succeeded={succeeded}, block {block} {onChain.BlockHash}; the receipt names block {receipt.BlockNumber} {receipt.BlockHash}"));
            var anchor = anchored.FirstOrDefault(e => e.Root == root);
            checks.Add(new("anchor event", anchor is not null && anchor.BatchId == receipt.BatchId,
                anchor is null ? $"the transaction emitted no BatchAnchored event for root {receipt.Root} from {contract}" : $"BatchAnchored(batch {anchor.BatchId}, root {anchor.Root}, {anchor.LeafCount} leaves)"));
            var latest = (ulong)(await rpc.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken)).Value;
            checks.Add(new("confirmations", latest >= block, $"{latest - block + 1} block(s) deep"));
        }

        var isAnchored = await registry.IsAnchoredAsync(root, cancellationToken);
        checks.Add(new("registry", isAnchored, isAnchored ? $"the registry at {contract} holds root {receipt.Root}" : $"the registry at {contract} does not hold root {receipt.Root}"));
        var verified = await registry.VerifyAsync(
            receipt.Leaf, receipt.Proof, root, cancellationToken);
        checks.Add(new("registry proof", verified, verified ? "the registry's verify(leaf, proof, root) returned true" : "the registry's verify(leaf, proof, root) returned false"));
        return checks;
    }
}
