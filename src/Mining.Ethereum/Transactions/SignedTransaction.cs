using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Transactions;

/// <summary>A signed transaction: its fields, signature, raw bytes, hash and the sender recovered from the signature.</summary>
/// <remarks><see cref="Hash"/> is <c>keccak256(Raw)</c>, the hash nodes and explorers show.</remarks>
public sealed record SignedTransaction(ITransaction Transaction, Signature Signature, ReadOnlyMemory<byte> Raw, TxHash Hash, Address From)
{
    /// <summary>Builds the signed form of <paramref name="transaction"/> from its signature.</summary>
    public static SignedTransaction Create(ITransaction transaction, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var raw = transaction.EncodeSigned(signature);
        var from = Secp256k1.RecoverAddress(transaction.GetSigningHash(), signature);
        return new SignedTransaction(transaction, signature, raw, new TxHash(Keccak256.HashToWord(raw)), from);
    }
}
