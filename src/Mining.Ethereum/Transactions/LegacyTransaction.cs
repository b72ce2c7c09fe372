using System.Numerics;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Rlp;

namespace Mining.Ethereum.Transactions;

/// <summary>A legacy (type 0) transaction, replay-protected by EIP-155 when <see cref="ChainId"/> is set.</summary>
/// <remarks>
/// With a chain id the signing hash is <c>keccak256(rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0]))</c>
/// and <c>v = chainId * 2 + 35 + yParity</c>; without one, <c>v = 27 + yParity</c>.
/// </remarks>
public sealed record LegacyTransaction(
    ulong? ChainId,
    ulong Nonce,
    BigInteger GasPrice,
    ulong GasLimit,
    Address? To,
    BigInteger Value,
    ReadOnlyMemory<byte> Data) : ITransaction
{
    /// <inheritdoc/>
    public BigInteger MaxPricePerGas => GasPrice;

    /// <inheritdoc/>
    public byte[] GetSigningHash()
    {
        var fields = Fields();
        if (ChainId is { } chainId)
        {
            fields.Add(RlpEncoder.EncodeInteger(chainId));
            fields.Add(RlpEncoder.EncodeInteger(0));
            fields.Add(RlpEncoder.EncodeInteger(0));
        }

        return Keccak256.Hash(RlpEncoder.EncodeList(fields));
    }

    /// <inheritdoc/>
    public byte[] EncodeSigned(Signature signature)
    {
        var fields = Fields();
        fields.Add(RlpEncoder.EncodeInteger(V(signature.YParity)));
        fields.Add(RlpEncoder.EncodeInteger(signature.R));
        fields.Add(RlpEncoder.EncodeInteger(signature.S));
        return RlpEncoder.EncodeList(fields);
    }

    internal BigInteger V(byte yParity) => ChainId is { } chainId ? (new BigInteger(chainId) * 2) + 35 + yParity : 27 + yParity;

    private List<byte[]> Fields() =>
    [
        RlpEncoder.EncodeInteger(Nonce),
        RlpEncoder.EncodeInteger(GasPrice),
        RlpEncoder.EncodeInteger(GasLimit),
        To is { } to ? RlpEncoder.EncodeBytes(to.ToByteArray()) : RlpEncoder.EncodeBytes([]),
        RlpEncoder.EncodeInteger(Value),
        RlpEncoder.EncodeBytes(Data.Span),
    ];
}
