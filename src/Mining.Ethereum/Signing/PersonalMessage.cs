using System.Globalization;
using System.Text;
using Mining.Ethereum.Crypto;

namespace Mining.Ethereum.Signing;

/// <summary>EIP-191 version 0x45 ("personal_sign") messages: <c>"\x19Ethereum Signed Message:\n" + len(message) + message</c>.</summary>
public static class PersonalMessage
{
    /// <summary>The hash that <c>personal_sign</c> signs for <paramref name="message"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> message)
    {
        var prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n" + message.Length.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[prefix.Length + message.Length];
        prefix.CopyTo(buffer, 0);
        message.CopyTo(buffer.AsSpan(prefix.Length));
        return Keccak256.Hash(buffer);
    }

    /// <summary>The hash that <c>personal_sign</c> signs for a UTF-8 text message.</summary>
    public static byte[] Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>Signs a message the way wallets' <c>personal_sign</c> does; returns the 65-byte <c>r ‖ s ‖ v</c> (v = 27/28).</summary>
    public static async ValueTask<byte[]> SignAsync(ISigner signer, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var signature = await signer.SignHashAsync(Hash(message.Span), cancellationToken);
        return signature.ToRsv();
    }

    /// <summary>Recovers the address that signed <paramref name="message"/> with <c>personal_sign</c>.</summary>
    public static Address RecoverSigner(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature65) =>
        Secp256k1.RecoverAddress(Hash(message), Signature.FromRsv(signature65));
}
