namespace Mining.Ethereum.Sending;

/// <summary>A transaction the manager signed: sender, nonce, and every attempt at that nonce (oldest first).</summary>
/// <remarks>
/// It serializes with System.Text.Json, so an orchestration can persist it and resume confirmation after a restart.
/// Any attempt may be the one that gets mined; the manager checks them all.
/// </remarks>
public sealed record SentTransaction(ulong ChainId, Address From, ulong Nonce, IReadOnlyList<TransactionAttempt> Attempts)
{
    /// <summary>The newest attempt (the one rebroadcast on a drop).</summary>
    public TransactionAttempt Latest => Attempts[^1];
}
