using Nethereum.Model;
using Nethereum.Signer;

namespace Mining.Ethereum.Transactions;

/// <summary>A signed transaction: the Nethereum transaction, its raw bytes, its hash and the sender recovered from the signature.</summary>
/// <remarks><see cref="Hash"/> is <c>keccak256(Raw)</c>, the hash nodes and explorers show.</remarks>
public sealed record RawTransaction(ISignedTransaction Transaction, ReadOnlyMemory<byte> Raw, TxHash Hash, Address From)
{
    /// <summary>Reads a signed transaction's fields back from its Nethereum form.</summary>
    public static RawTransaction Create(ISignedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var from = Address.Parse(transaction.GetSenderAddress().ToLowerInvariant());
        return new RawTransaction(transaction, transaction.GetRLPEncoded(), new TxHash(new Hash32(transaction.Hash)), from);
    }

    /// <summary>Decodes a raw signed transaction (legacy, EIP-155 or typed).</summary>
    /// <exception cref="FormatException">The bytes are not a signed transaction of a known type.</exception>
    public static RawTransaction Decode(ReadOnlySpan<byte> raw)
    {
        try
        {
            return Create(TransactionFactory.CreateTransaction(raw.ToArray()));
        }
        catch (Exception exception) when (exception is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException($"The bytes are not a signed transaction of a known type (first byte 0x{(raw.IsEmpty ? 0 : raw[0]):x2}): {exception.Message}", exception);
        }
    }
}
