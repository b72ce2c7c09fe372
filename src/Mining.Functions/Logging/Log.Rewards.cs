using Mining.Ethereum;

namespace Mining.Functions.Logging;

/// <summary>Log messages of the rewards ledger and claim detection (EventIds 400–499).</summary>
internal static partial class Log
{
    [LoggerMessage(400, LogLevel.Information, "Claim by {Account} up to {CumulativeAmount} in transaction {TxHash} (block {Block}): {Entries} ledger entries marked claimed")]
    public static partial void ClaimDetected(ILogger logger, string account, string cumulativeAmount, string txHash, long block, int entries);

    [LoggerMessage(401, LogLevel.Information, "Batch {BatchId}'s {Count} learnings anchored by {TxHash} in block {Block}; confirming")]
    public static partial void AnchorRecorded(ILogger logger, string batchId, int count, TxHash txHash, long? block);

    [LoggerMessage(402, LogLevel.Information, "Batch {BatchId}'s {Count} learnings rewarded")]
    public static partial void BatchRewarded(ILogger logger, string batchId, int count);
}
