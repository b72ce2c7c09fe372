using System.Numerics;
using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Transactions;

/// <summary>An unsigned transaction that knows its signing hash and its signed encoding.</summary>
public interface ITransaction
{
    /// <summary>The chain the transaction is bound to (replay protection), or null for a pre-EIP-155 legacy transaction.</summary>
    ulong? ChainId { get; }

    /// <summary>The sender's nonce.</summary>
    ulong Nonce { get; }

    /// <summary>The gas limit.</summary>
    ulong GasLimit { get; }

    /// <summary>The recipient, or null for a contract creation.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "'to' is the field's name in every Ethereum specification and RPC payload.")]
    Address? To { get; }

    /// <summary>The wei transferred.</summary>
    BigInteger Value { get; }

    /// <summary>The call data or init code.</summary>
    ReadOnlyMemory<byte> Data { get; }

    /// <summary>The highest price per gas the sender can pay (gas price, or max fee per gas).</summary>
    BigInteger MaxPricePerGas { get; }

    /// <summary>The hash the sender signs.</summary>
    byte[] GetSigningHash();

    /// <summary>The raw signed transaction, as <c>eth_sendRawTransaction</c> takes it.</summary>
    byte[] EncodeSigned(Signature signature);
}
