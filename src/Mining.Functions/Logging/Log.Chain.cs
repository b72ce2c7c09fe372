using Mining.Ethereum;

namespace Mining.Functions.Logging;

/// <summary>Log messages of chain-side failure handling (EventIds 200-299).</summary>
internal static partial class Log
{
    [LoggerMessage(200, LogLevel.Warning, "Batch {BatchId} waits for operator funds: {Operator} holds {Balance} wei on chain {ChainId}, the anchor transaction can cost up to {Needed} wei")]
    public static partial void WaitingForFunds(ILogger logger, string batchId, string @operator, string balance, string needed, ulong chainId);

    [LoggerMessage(201, LogLevel.Warning, "Could not send the funds alert of batch {BatchId} now; the next check tries again: {Reason}")]
    public static partial void FundsAlertFailed(ILogger logger, string batchId, string reason);

    [LoggerMessage(202, LogLevel.Warning, "Could not replace the stuck anchor transaction {TxHash} of batch {BatchId} now; it stays pending and the next check tries again: {Reason}")]
    public static partial void ReplacementPostponed(ILogger logger, string batchId, TxHash txHash, string reason);

    [LoggerMessage(203, LogLevel.Information, "Batch {BatchId} waits for batch {EarlierBatchId}, whose rewards it builds on, to send its anchor transaction first")]
    public static partial void WaitingForEarlierBatch(ILogger logger, string batchId, string earlierBatchId);
}
