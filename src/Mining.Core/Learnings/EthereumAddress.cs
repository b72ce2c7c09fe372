using System.Buffers;
using System.Text;
using Mining.Core.Merkle;

namespace Mining.Core.Learnings;

/// <summary>EIP-55 mixed-case checksum addresses.</summary>
public static class EthereumAddress
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>True for <c>0x</c> + 40 hex digits that are all lowercase, all uppercase, or a correct EIP-55 checksum.</summary>
    public static bool IsValid(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.Ordinal) || address.AsSpan(2).ContainsAnyExcept(HexDigits))
        {
            return false;
        }

        var hex = address.AsSpan(2);
        var lower = hex.ToString().ToLowerInvariant();
        var upper = hex.ToString().ToUpperInvariant();
        return hex.SequenceEqual(lower) || hex.SequenceEqual(upper) || ToChecksum(address) == address;
    }

    /// <summary>The EIP-55 form of a 20-byte hex address.</summary>
    /// <exception cref="FormatException">Not <c>0x</c> + 40 hex digits.</exception>
    public static string ToChecksum(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.Ordinal) || address.AsSpan(2).ContainsAnyExcept(HexDigits))
        {
            throw new FormatException($"'{address}' is not an Ethereum address: expected 0x followed by 40 hex digits.");
        }

        var lower = address[2..].ToLowerInvariant();
        var hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lower)).ToArray();
        var result = new StringBuilder("0x", 42);
        for (var i = 0; i < 40; i++)
        {
            var nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0xF;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }

        return result.ToString();
    }

    /// <summary>The 20 bytes of an address.</summary>
    public static byte[] ToBytes(string address)
    {
        if (!IsValid(address))
        {
            throw new FormatException($"'{address}' is not a valid Ethereum address (0x + 40 hex digits, EIP-55 checksum if mixed case).");
        }

        return Convert.FromHexString(address.AsSpan(2));
    }
}
