using Mining.Ethereum.Crypto;
using Mining.Ethereum.Rlp;

namespace Mining.Ethereum.Transactions;

/// <summary>Decodes raw signed transactions (legacy with or without EIP-155, and EIP-1559) and recovers their sender.</summary>
public static class TransactionDecoder
{
    /// <summary>Decodes a raw signed transaction.</summary>
    /// <exception cref="FormatException">The bytes are not a supported signed transaction.</exception>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            throw new FormatException("A raw transaction cannot be empty.");
        }

        var (transaction, signature) = raw[0] switch
        {
            Eip1559Transaction.TypeByte => DecodeEip1559(RlpDecoder.Decode(raw[1..])),
            >= 0xc0 => DecodeLegacy(RlpDecoder.Decode(raw)),
            var type => throw new FormatException($"Transaction type 0x{type:x2} is not supported (only legacy and EIP-1559 type 2)."),
        };
        var decoded = SignedTransaction.Create(transaction, signature);
        if (!decoded.Raw.Span.SequenceEqual(raw))
        {
            throw new FormatException("The raw transaction is not canonically encoded.");
        }

        return decoded;
    }

    private static (ITransaction, Signature) DecodeEip1559(RlpItem item)
    {
        var f = Fields(item, 12, "EIP-1559");
        var transaction = new Eip1559Transaction(
            f[0].AsUInt64(), f[1].AsUInt64(), f[2].AsInteger(), f[3].AsInteger(), f[4].AsUInt64(),
            To(f[5]), f[6].AsInteger(), f[7].Bytes.ToArray())
        {
            AccessList = f[8].Items.Select(entry => new AccessListEntry(
                new Address(entry.Items[0].Bytes.Span),
                entry.Items[1].Items.Select(key => new Hash32(key.Bytes.Span)).ToList())).ToList(),
        };
        var parity = f[9].AsInteger();
        if (parity > 1)
        {
            throw new FormatException($"EIP-1559 y-parity must be 0 or 1, got {parity}.");
        }

        return (transaction, new Signature(f[10].AsInteger(), f[11].AsInteger(), (byte)parity));
    }

    private static (ITransaction, Signature) DecodeLegacy(RlpItem item)
    {
        var f = Fields(item, 9, "legacy");
        var v = f[6].AsInteger();
        ulong? chainId;
        byte parity;
        if (v == 27 || v == 28)
        {
            chainId = null;
            parity = (byte)(v - 27);
        }
        else if (v >= 35)
        {
            chainId = (ulong)((v - 35) / 2);
            parity = (byte)((v - 35) % 2);
        }
        else
        {
            throw new FormatException($"Legacy transaction v must be 27, 28 or chainId*2+35/36, got {v}.");
        }

        var transaction = new LegacyTransaction(chainId, f[0].AsUInt64(), f[1].AsInteger(), f[2].AsUInt64(), To(f[3]), f[4].AsInteger(), f[5].Bytes.ToArray());
        return (transaction, new Signature(f[7].AsInteger(), f[8].AsInteger(), parity));
    }

    private static IReadOnlyList<RlpItem> Fields(RlpItem item, int count, string kind)
    {
        var fields = item.Items;
        if (fields.Count != count)
        {
            throw new FormatException($"A signed {kind} transaction has {count} fields, got {fields.Count}.");
        }

        return fields;
    }

    private static Address? To(RlpItem item) => item.Bytes.Length switch
    {
        0 => null,
        Address.Length => new Address(item.Bytes.Span),
        var length => throw new FormatException($"A recipient is empty or 20 bytes, got {length}."),
    };
}
