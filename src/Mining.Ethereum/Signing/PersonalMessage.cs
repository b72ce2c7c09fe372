using System.Text;
using Nethereum.Signer;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Signing;

/// <summary>EIP-191 version 0x45 ("personal_sign") messages: <c>"\x19Ethereum Signed Message:\n" + len(message) + message</c>.</summary>
public static class PersonalMessage
{
    /// <summary>The hash that <c>personal_sign</c> signs for <paramref name="message"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message) => new EthereumMessageSigner().HashPrefixedMessage(message.ToArray());

    /// <summary>The hash that <c>personal_sign</c> signs for a UTF-8 text message.</summary>
    public static byte[] Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>Signs a message the way wallets' <c>personal_sign</c> does; returns the 65-byte <c>r ‖ s ‖ v</c> (v = 27/28).</summary>
    public static async ValueTask<byte[]> SignAsync(ISigner signer, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = await signer.SignHashAsync(Hash(message.Span), cancellationToken);
        return [.. Word(signature.R), .. Word(signature.S), (byte)(27 + signature.V[^1])];
    }

    /// <summary>Recovers the address that signed <paramref name="message"/> with <c>personal_sign</c>.</summary>
    public static Address RecoverSigner(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature65) =>
        Address.Parse(new EthereumMessageSigner().EcRecover(message.ToArray(), signature65.ToArray().ToHex(true)).ToLowerInvariant());

    private static byte[] Word(byte[] value) => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];
}
