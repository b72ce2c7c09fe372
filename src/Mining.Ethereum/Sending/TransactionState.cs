namespace Mining.Ethereum.Sending;

/// <summary>Where a sent transaction stands.</summary>
public enum TransactionState
{
    /// <summary>Known to the node, not mined (or mined only in a block no longer canonical).</summary>
    Pending,

    /// <summary>Pending for longer than the stuck threshold: it should be replaced with higher fees.</summary>
    Stuck,

    /// <summary>The node does not know any attempt and the nonce is still free: rebroadcast.</summary>
    Dropped,

    /// <summary>Mined in a canonical block, fewer confirmations than required so far.</summary>
    Included,

    /// <summary>Mined with the required confirmations (or in a finalized block).</summary>
    Confirmed,

    /// <summary>Mined (canonically) but execution reverted.</summary>
    Reverted,

    /// <summary>The nonce was used by a transaction that is none of ours (another process shares the key).</summary>
    NonceTaken,
}
