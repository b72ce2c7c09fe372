using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Logging;

/// <summary>The app's log messages (structured; they carry learning ids and CIDs, never keys or tokens).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Learning {LearningId} (CID {Cid}, {Bytes} bytes) submitted by {ContributorId}; waiting for approval")]
    public static partial void Submitted(ILogger logger, string learningId, Cid cid, int bytes, string contributorId);

    [LoggerMessage(2, LogLevel.Information, "Learning {LearningId} (CID {Cid}) {Decision} through the {Channel}")]
    public static partial void Decided(ILogger logger, string learningId, Cid cid, string decision, string channel);

    [LoggerMessage(3, LogLevel.Information, "Sent the approval request for learning {LearningId} (CID {Cid}) by email")]
    public static partial void ApprovalRequested(ILogger logger, string learningId, Cid cid);

    [LoggerMessage(4, LogLevel.Information, "Learning {LearningId} (CID {Cid}) ended as {Status}: {Reason}")]
    public static partial void Closed(ILogger logger, string learningId, Cid cid, string status, string reason);

    [LoggerMessage(5, LogLevel.Information, "Pinned learning {LearningId} (CID {Cid}) on {Target}")]
    public static partial void Pinned(ILogger logger, string learningId, Cid cid, string target);

    [LoggerMessage(6, LogLevel.Information, "Gateway {Gateway} answered {Outcome} for learning {LearningId} (CID {Cid})")]
    public static partial void GatewayAnswered(ILogger logger, string gateway, string outcome, string learningId, Cid cid);

    [LoggerMessage(7, LogLevel.Information, "Prepared batch {BatchId}: {Count} learnings, root {Root}, manifest {ManifestCid}")]
    public static partial void BatchPrepared(ILogger logger, string batchId, int count, Hash32 root, Cid manifestCid);

    [LoggerMessage(17, LogLevel.Warning, "Learning {LearningId} is already in batch {OtherBatchId}; batch {BatchId} leaves it out")]
    public static partial void LeftOutOfBatch(ILogger logger, string learningId, string batchId, string otherBatchId);

    [LoggerMessage(8, LogLevel.Information, "Sent the anchor transaction {TxHash} of batch {BatchId} (root {Root})")]
    public static partial void AnchorSent(ILogger logger, TxHash txHash, string batchId, Hash32 root);

    [LoggerMessage(9, LogLevel.Information, "Batch {BatchId} confirmed: {TxHash} in block {Block} with {Confirmations} confirmations")]
    public static partial void BatchConfirmed(ILogger logger, string batchId, TxHash txHash, long block, int confirmations);

    [LoggerMessage(10, LogLevel.Information, "Chain {ChainId} ready: operator {Operator}, registry {Registry}, token {Token}")]
    public static partial void ChainReady(ILogger logger, ulong chainId, string @operator, string registry, string token);

    [LoggerMessage(11, LogLevel.Information, "Funded {Account} with development ETH from anvil's first account")]
    public static partial void OperatorFunded(ILogger logger, string account);

    [LoggerMessage(12, LogLevel.Warning, "The recorded registry {Registry} is not on chain {ChainId} any more; deploying again")]
    public static partial void RegistryMissing(ILogger logger, string registry, ulong chainId);

    [LoggerMessage(13, LogLevel.Information, "Deployed the registry at {Registry} and the token at {Token} on chain {ChainId}")]
    public static partial void Deployed(ILogger logger, string registry, string token, ulong chainId);

    [LoggerMessage(15, LogLevel.Information, "Wrote the approval request for learning {LearningId} (CID {Cid}) to {File}")]
    public static partial void ApprovalInOutbox(ILogger logger, string learningId, Cid cid, string file);

    [LoggerMessage(14, LogLevel.Information, "Development contributor {ContributorId} is ready")]
    public static partial void DevContributorReady(ILogger logger, string contributorId);

    [LoggerMessage(16, LogLevel.Warning, "Operator alert {Key} ({Subject}) sent on {Channels}")]
    public static partial void OperatorAlerted(ILogger logger, string key, string subject, string channels);

    [LoggerMessage(18, LogLevel.Warning, "Looking for failed orchestration instances failed; trying again at the next scan")]
    public static partial void FailedInstanceScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Information, "Sent a dashboard sign-in link to contributor {ContributorId}")]
    public static partial void SignInLinkSent(ILogger logger, string contributorId);

    [LoggerMessage(20, LogLevel.Warning, "Could not email a dashboard sign-in link to contributor {ContributorId}: {Error}")]
    public static partial void SignInLinkNotSent(ILogger logger, string contributorId, string error);
}
