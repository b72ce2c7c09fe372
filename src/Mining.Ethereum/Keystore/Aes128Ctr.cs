using System.Security.Cryptography;

namespace Mining.Ethereum.Keystore;

/// <summary>AES-128 in counter mode with a 128-bit big-endian counter, as keystore v3 uses it.</summary>
internal static class Aes128Ctr
{
    public static byte[] Transform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var counter = iv.ToArray();
        var keystream = new byte[16];
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, keystream, PaddingMode.None);
            var count = Math.Min(16, input.Length - offset);
            for (var i = 0; i < count; i++)
            {
                output[offset + i] = (byte)(input[offset + i] ^ keystream[i]);
            }

            Increment(counter);
        }

        CryptographicOperations.ZeroMemory(keystream);
        return output;
    }

    private static void Increment(byte[] counter)
    {
        for (var i = counter.Length - 1; i >= 0; i--)
        {
            if (++counter[i] != 0)
            {
                return;
            }
        }
    }
}
