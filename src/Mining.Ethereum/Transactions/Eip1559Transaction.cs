using System.Numerics;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Rlp;

namespace Mining.Ethereum.Transactions;

/// <summary>An EIP-1559 (type 2) transaction.</summary>
/// <remarks>The signing hash is <c>keccak256(0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList]))</c>.</remarks>
public sealed record Eip1559Transaction(
    ulong ChainId,
    ulong Nonce,
    BigInteger MaxPriorityFeePerGas,
    BigInteger MaxFeePerGas,
    ulong GasLimit,
    Address? To,
    BigInteger Value,
    ReadOnlyMemory<byte> Data) : ITransaction
{
    /// <summary>The EIP-2718 type byte.</summary>
    public const byte TypeByte = 0x02;

    /// <summary>The EIP-2930 access list (empty by default).</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    ulong? ITransaction.ChainId => ChainId;

    /// <inheritdoc/>
    public BigInteger MaxPricePerGas => MaxFeePerGas;

    /// <inheritdoc/>
    public byte[] GetSigningHash() => Keccak256.Hash(Typed(RlpEncoder.EncodeList(Fields())));

    /// <inheritdoc/>
    public byte[] EncodeSigned(Signature signature)
    {
        var fields = Fields();
        fields.Add(RlpEncoder.EncodeInteger(signature.YParity));
        fields.Add(RlpEncoder.EncodeInteger(signature.R));
        fields.Add(RlpEncoder.EncodeInteger(signature.S));
        return Typed(RlpEncoder.EncodeList(fields));
    }

    private static byte[] Typed(byte[] rlp)
    {
        var output = new byte[rlp.Length + 1];
        output[0] = TypeByte;
        rlp.CopyTo(output, 1);
        return output;
    }

    private List<byte[]> Fields() =>
    [
        RlpEncoder.EncodeInteger(ChainId),
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(MaxPriorityFeePerGas),
        RlpEncoder.EncodeInteger(MaxFeePerGas),
        RlpEncoder.EncodeInteger(GasLimit),
        To is { } to ? RlpEncoder.EncodeBytes(to.ToByteArray()) : RlpEncoder.EncodeBytes([]),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data.Span),
        RlpEncoder.EncodeList(AccessList.Select(entry => RlpEncoder.EncodeList(
            RlpEncoder.EncodeBytes(entry.Address.ToByteArray()),
            RlpEncoder.EncodeList(entry.StorageKeys.Select(key => RlpEncoder.EncodeBytes(key.ToByteArray())).ToList()))).ToList()),
    ];
}
