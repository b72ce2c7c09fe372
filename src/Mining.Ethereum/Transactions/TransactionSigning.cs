using System.Numerics;
using Mining.Ethereum.Signing;
using Nethereum.Model;

namespace Mining.Ethereum.Transactions;

/// <summary>Signs Nethereum transactions (<see cref="Transaction1559"/>, <see cref="LegacyTransactionChainId"/>) with an <see cref="ISigner"/>.</summary>
public static class TransactionSigning
{
    /// <summary>Signs <paramref name="transaction"/> and checks that the signature recovers to the signer's address.</summary>
    /// <exception cref="InvalidOperationException">The signer returned a signature for a different key.</exception>
    public static async ValueTask<RawTransaction> SignTransactionAsync(this ISigner signer, ISignedTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(transaction);
        var signature = await signer.SignHashAsync(transaction.RawHash, cancellationToken);
        var v = transaction is LegacyTransactionChainId legacy
            ? ((legacy.GetChainIdAsBigInteger() * 2) + 35 + signature.V[^1]).ToByteArray(isUnsigned: true, isBigEndian: true)
            : signature.V;
        transaction.SetSignature(new Signature(signature.R, signature.S, v));
        var signed = RawTransaction.Create(transaction);
        if (signed.From != signer.Address)
        {
            throw new InvalidOperationException($"The signer for {signer.Address} produced a signature that recovers to {signed.From}; check the key provider configuration.");
        }

        return signed;
    }

    /// <summary>The most a transaction can cost: gas limit × (max fee per gas or gas price) + value.</summary>
    public static BigInteger MaxCost(ISignedTransaction transaction) => transaction switch
    {
        Transaction1559 t => (t.GasLimit.GetValueOrDefault() * t.MaxFeePerGas.GetValueOrDefault()) + t.Amount.GetValueOrDefault(),
        LegacyTransaction t => (Big(t.GasLimit) * Big(t.GasPrice)) + Big(t.Value),
        _ => throw new NotSupportedException($"Transactions of type {transaction?.TransactionType} are not sent by this project."),
    };

    private static BigInteger Big(byte[]? bytes) => bytes is null ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
}
