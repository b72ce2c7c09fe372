using Mining.Ethereum.Signing;

namespace Mining.Ethereum.Transactions;

/// <summary>Signs transactions with an <see cref="ISigner"/>.</summary>
public static class TransactionSigning
{
    /// <summary>Signs <paramref name="transaction"/> and checks that the signature recovers to the signer's address.</summary>
    /// <exception cref="InvalidOperationException">The signer returned a signature for a different key.</exception>
    public static async ValueTask<SignedTransaction> SignTransactionAsync(this ISigner signer, ITransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(transaction);
        var signature = await signer.SignHashAsync(transaction.GetSigningHash(), cancellationToken);
        var signed = SignedTransaction.Create(transaction, signature);
        if (signed.From != signer.Address)
        {
            throw new InvalidOperationException($"The signer for {signer.Address} produced a signature that recovers to {signed.From}; check the key provider configuration.");
        }

        return signed;
    }
}
