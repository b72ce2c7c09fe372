using Nethereum.RPC.Eth.DTOs;

namespace Mining.Ethereum.Sending;

/// <summary>The outcome of one check of a sent transaction.</summary>
/// <param name="State">Where the transaction stands.</param>
/// <param name="Confirmations">Blocks on top of (and including) the canonical block that holds it; 0 when not included.</param>
/// <param name="Receipt">The receipt of the attempt that was mined, when one is in a canonical block.</param>
public sealed record TransactionStatus(TransactionState State, ulong Confirmations, TransactionReceipt? Receipt);
