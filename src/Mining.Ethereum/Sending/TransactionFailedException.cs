namespace Mining.Ethereum.Sending;

/// <summary>A sent transaction ended without the intended effect: it reverted on chain, or its nonce was taken by another transaction.</summary>
public sealed class TransactionFailedException(SentTransaction transaction, TransactionStatus status, string message)
    : InvalidOperationException(message)
{
    public SentTransaction Transaction { get; } = transaction;

    public TransactionStatus Status { get; } = status;
}
