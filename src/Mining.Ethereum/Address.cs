using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Nethereum.Util;

namespace Mining.Ethereum;

/// <summary>A 20-byte Ethereum account address.</summary>
/// <remarks>
/// Equality is by value. <see cref="ToString"/> writes the EIP-55 mixed-case checksum form;
/// <see cref="Parse"/> accepts all-lowercase or all-uppercase hex, and mixed case only when the checksum is correct.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.AddressJsonConverter))]
public readonly record struct Address
{
    /// <summary>The length of an address in bytes.</summary>
    public const int Length = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    /// <summary>Creates an address from exactly 20 bytes.</summary>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An address is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _middle = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _low = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The zero address.</summary>
    public static Address Zero => default;

    /// <summary>Derives the address of an uncompressed secp256k1 public key (64 bytes, or 65 with the 0x04 prefix).</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04)
        {
            publicKey = publicKey[1..];
        }

        if (publicKey.Length != 64)
        {
            throw new ArgumentException("An uncompressed public key is 64 bytes (or 65 with the 0x04 prefix).", nameof(publicKey));
        }

        return new Address(Sha3Keccack.Current.CalculateHash(publicKey.ToArray()).AsSpan(12));
    }

    /// <summary>Parses <c>0x</c> followed by 40 hex digits, verifying the EIP-55 checksum when the case is mixed.</summary>
    /// <exception cref="FormatException">The text is not an address or its checksum is wrong.</exception>
    public static Address Parse(string text)
    {
        if (!TryParseCore(text, out var address, out var error))
        {
            throw new FormatException(error);
        }

        return address;
    }

    /// <summary>Tries to parse an address; see <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Address address) => TryParseCore(text, out address, out _);

    /// <summary>Copies the 20 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    /// <summary>Returns a new array holding the 20 bytes.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The EIP-55 checksummed form, e.g. <c>0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</c>.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        var lower = Convert.ToHexStringLower(bytes);
        return "0x" + Checksum(lower);
    }

    private static string Checksum(string lowerHex) => AddressUtil.Current.ConvertToChecksumAddress(lowerHex)[2..];

    private static bool TryParseCore(string? text, out Address address, out string error)
    {
        address = default;
        if (text is null || text.Length != 42 || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not an address: expected 0x followed by 40 hex digits.";
            return false;
        }

        var digits = text[2..];
        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(digits, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != Length)
        {
            error = $"'{text}' is not an address: it contains characters that are not hex digits.";
            return false;
        }

        var hasLower = digits.Any(char.IsAsciiLetterLower);
        var hasUpper = digits.Any(char.IsAsciiLetterUpper);
        if (hasLower && hasUpper && !string.Equals(Checksum(digits.ToLowerInvariant()), digits, StringComparison.Ordinal))
        {
            error = $"'{text}' has an invalid EIP-55 checksum: check the address for typos, or write it all in lowercase to skip the check.";
            return false;
        }

        address = new Address(bytes);
        error = string.Empty;
        return true;
    }
}
