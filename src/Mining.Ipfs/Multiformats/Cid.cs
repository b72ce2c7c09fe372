using System.Security.Cryptography;

namespace Mining.Ipfs.Multiformats;

/// <summary>A content identifier: version, content codec and multihash.</summary>
/// <remarks>
/// Immutable value. Equality is exact (version, codec and hash); use <see cref="ToV1"/> on both sides to compare a
/// CIDv0 with its CIDv1 form. <see cref="ToString()"/> gives the canonical text: base58btc for v0, base32 for v1.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(CidJsonConverter))]
public readonly record struct Cid
{
    private Cid(int version, Multicodec codec, Multihash hash)
    {
        Version = version;
        Codec = codec;
        Hash = hash;
    }

    /// <summary>0 or 1.</summary>
    public int Version { get; }

    public Multicodec Codec { get; }

    public Multihash Hash { get; }

    /// <summary>A CIDv1 of <paramref name="codec"/> over <paramref name="hash"/>.</summary>
    public static Cid V1(Multicodec codec, Multihash hash) => new(1, codec, hash);

    /// <summary>A CIDv0: dag-pb and sha2-256 only.</summary>
    public static Cid V0(Multihash hash)
    {
        if (hash.Code != MultihashCode.Sha256)
        {
            throw new ArgumentException("A CIDv0 needs a sha2-256 multihash.", nameof(hash));
        }

        return new(0, Multicodec.DagPb, hash);
    }

    /// <summary>The CIDv1 with sha2-256 of <paramref name="block"/>'s bytes under <paramref name="codec"/>.</summary>
    public static Cid Compute(Multicodec codec, ReadOnlySpan<byte> block) => V1(codec, Multihash.Sha256(block));

    /// <summary>Parses a CID from text: CIDv0 (<c>Qm…</c>, base58btc) or a multibase CIDv1 (base32, base58btc, base36, base16).</summary>
    /// <exception cref="CidFormatException">The text is not a CID this library supports; the message says why.</exception>
    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            var bytes = Multibase.DecodeBase58Btc(text);
            var hash = Multihash.Read(bytes, out var consumed);
            if (consumed != bytes.Length)
            {
                throw new CidFormatException($"'{text}' has {bytes.Length - consumed} bytes after its multihash.");
            }

            return V0(hash);
        }

        byte[] decoded;
        try
        {
            decoded = Multibase.Decode(text, out _);
        }
        catch (CidFormatException ex)
        {
            throw new CidFormatException($"'{text}' is not a CID: {ex.Message}", ex);
        }

        return FromBytes(decoded, text);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out Cid cid)
    {
        cid = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            cid = Parse(text);
            return true;
        }
        catch (CidFormatException)
        {
            return false;
        }
    }

    /// <summary>Reads the binary form (CIDv0 is the bare multihash; CIDv1 is version, codec, multihash).</summary>
    public static Cid FromBytes(ReadOnlySpan<byte> bytes) => FromBytes(bytes, Convert.ToHexStringLower(bytes));

    /// <summary>Reads a binary CID at the start of <paramref name="source"/>, as CAR sections store them.</summary>
    public static Cid Read(ReadOnlySpan<byte> source, out int consumed)
    {
        if (source.Length >= 2 && source[0] == (byte)MultihashCode.Sha256 && source[1] == SHA256.HashSizeInBytes)
        {
            return V0(Multihash.Read(source, out consumed));
        }

        if (!Varint.TryRead(source, out var version, out var versionLength))
        {
            throw new CidFormatException("The CID is truncated: its version varint does not end.");
        }

        if (version != 1)
        {
            throw new CidFormatException($"Unsupported CID version {version}; expected 0 (Qm…) or 1.");
        }

        if (!Varint.TryRead(source[versionLength..], out var codec, out var codecLength))
        {
            throw new CidFormatException("The CID is truncated: its codec varint does not end.");
        }

        if (!Enum.IsDefined((Multicodec)codec))
        {
            throw new CidFormatException($"Unsupported CID codec 0x{codec:x}; supported: raw (0x55), dag-pb (0x70), dag-cbor (0x71), dag-json (0x129).");
        }

        var hash = Multihash.Read(source[(versionLength + codecLength)..], out var hashLength);
        consumed = versionLength + codecLength + hashLength;
        return V1((Multicodec)codec, hash);
    }

    /// <summary>This CID as v1 (a v1 CID is returned unchanged).</summary>
    public Cid ToV1() => Version == 1 ? this : V1(Codec, Hash);

    /// <summary>This CID as v0.</summary>
    /// <exception cref="InvalidOperationException">Only dag-pb with sha2-256 has a v0 form.</exception>
    public Cid ToV0()
    {
        if (Codec != Multicodec.DagPb || Hash.Code != MultihashCode.Sha256)
        {
            throw new InvalidOperationException($"{this} has no CIDv0 form: only dag-pb with sha2-256 has one.");
        }

        return Version == 0 ? this : new(0, Codec, Hash);
    }

    /// <summary>True when both name the same content under the same codec, whatever their versions.</summary>
    public bool SameContentAs(Cid other) => Codec == other.Codec && Hash.Equals(other.Hash);

    public int EncodedLength => Version == 0
        ? Hash.EncodedLength
        : 1 + Varint.Length((ulong)Codec) + Hash.EncodedLength;

    public int WriteTo(Span<byte> destination)
    {
        if (Version == 0)
        {
            return Hash.WriteTo(destination);
        }

        var written = Varint.Write(destination, 1);
        written += Varint.Write(destination[written..], (ulong)Codec);
        return written + Hash.WriteTo(destination[written..]);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>The canonical text form: base58btc without prefix for v0, base32 lower case for v1.</summary>
    public override string ToString() => IsDefault ? "(no cid)" : Version == 0
        ? Multibase.EncodeBase58Btc(ToBytes())
        : Multibase.Encode(MultibaseEncoding.Base32Lower, ToBytes());

    /// <summary>The text form in <paramref name="encoding"/> (CIDv1 only: CIDv0 has one text form).</summary>
    public string ToString(MultibaseEncoding encoding)
    {
        if (Version == 0)
        {
            if (encoding != MultibaseEncoding.Base58Btc)
            {
                throw new InvalidOperationException($"CIDv0 is always base58btc; convert with ToV1() to write it as {encoding}.");
            }

            return ToString();
        }

        return Multibase.Encode(encoding, ToBytes());
    }

    /// <summary>True for the default value, which names no content.</summary>
    public bool IsDefault => Version == 0 && Codec == 0;

    private static Cid FromBytes(ReadOnlySpan<byte> bytes, string shown)
    {
        Cid cid;
        int consumed;
        try
        {
            cid = Read(bytes, out consumed);
        }
        catch (CidFormatException ex)
        {
            throw new CidFormatException($"'{shown}' is not a valid CID: {ex.Message}", ex);
        }

        if (consumed != bytes.Length)
        {
            throw new CidFormatException($"'{shown}' has {bytes.Length - consumed} unexpected bytes after the CID.");
        }

        return cid;
    }
}
