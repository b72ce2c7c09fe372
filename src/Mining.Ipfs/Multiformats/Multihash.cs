using System.Security.Cryptography;

namespace Mining.Ipfs.Multiformats;

/// <summary>A self-describing hash: function code and digest.</summary>
/// <remarks>Immutable; equality compares code and digest bytes.</remarks>
public readonly record struct Multihash
{
    /// <summary>Identity digests longer than this are refused: an inline CID is meant for tiny blocks.</summary>
    public const int MaxIdentityLength = 128;

    private readonly byte[] _digest;

    private Multihash(MultihashCode code, byte[] digest)
    {
        Code = code;
        _digest = digest;
    }

    public MultihashCode Code { get; }

    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>Length of <see cref="ToBytes"/>.</summary>
    public int EncodedLength => Varint.Length((ulong)Code) + Varint.Length((ulong)_digest.Length) + _digest.Length;

    /// <summary>SHA-256 of <paramref name="content"/>.</summary>
    public static Multihash Sha256(ReadOnlySpan<byte> content) => new(MultihashCode.Sha256, SHA256.HashData(content));

    /// <summary>Wraps an already computed SHA-256 digest.</summary>
    public static Multihash FromSha256Digest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"A sha2-256 digest is 32 bytes, not {digest.Length}.", nameof(digest));
        }

        return new(MultihashCode.Sha256, digest.ToArray());
    }

    /// <summary>The identity multihash of <paramref name="content"/> (at most <see cref="MaxIdentityLength"/> bytes).</summary>
    public static Multihash Identity(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxIdentityLength)
        {
            throw new ArgumentException($"Identity multihashes hold at most {MaxIdentityLength} bytes, not {content.Length}.", nameof(content));
        }

        return new(MultihashCode.Identity, content.ToArray());
    }

    /// <summary>Reads a multihash from the start of <paramref name="source"/>.</summary>
    /// <exception cref="CidFormatException">Unknown function, wrong digest length or truncated input.</exception>
    public static Multihash Read(ReadOnlySpan<byte> source, out int consumed)
    {
        if (!Varint.TryRead(source, out var code, out var codeLength))
        {
            throw new CidFormatException("The multihash is truncated: its function code varint does not end.");
        }

        if (!Varint.TryRead(source[codeLength..], out var length, out var lengthLength))
        {
            throw new CidFormatException("The multihash is truncated: its digest length varint does not end.");
        }

        var start = codeLength + lengthLength;
        switch (code)
        {
            case (ulong)MultihashCode.Sha256 when length != SHA256.HashSizeInBytes:
                throw new CidFormatException($"A sha2-256 multihash must carry 32 digest bytes, this one declares {length}.");
            case (ulong)MultihashCode.Sha256:
                break;
            case (ulong)MultihashCode.Identity when length > MaxIdentityLength:
                throw new CidFormatException($"An identity multihash of {length} bytes exceeds the {MaxIdentityLength}-byte limit.");
            case (ulong)MultihashCode.Identity:
                break;
            default:
                throw new CidFormatException($"Unsupported multihash function 0x{code:x}; supported: sha2-256 (0x12), identity (0x00).");
        }

        if ((ulong)(source.Length - start) < length)
        {
            throw new CidFormatException($"The multihash is truncated: {length} digest bytes declared, {source.Length - start} present.");
        }

        consumed = start + (int)length;
        return new((MultihashCode)code, source.Slice(start, (int)length).ToArray());
    }

    /// <summary>True when <paramref name="content"/> hashes to this multihash.</summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        if (Code == MultihashCode.Identity)
        {
            return content.SequenceEqual(_digest);
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, actual);
        return CryptographicOperations.FixedTimeEquals(actual, _digest);
    }

    public int WriteTo(Span<byte> destination)
    {
        var written = Varint.Write(destination, (ulong)Code);
        written += Varint.Write(destination[written..], (ulong)_digest.Length);
        _digest.CopyTo(destination[written..]);
        return written + _digest.Length;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedLength];
        WriteTo(bytes);
        return bytes;
    }

    public bool Equals(Multihash other) => Code == other.Code && Digest.SequenceEqual(other.Digest);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Code);
        hash.AddBytes(Digest);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Code}:{Convert.ToHexStringLower(Digest)}";
}
