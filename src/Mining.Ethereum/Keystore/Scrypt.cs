using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Mining.Ethereum.Keystore;

/// <summary>scrypt (RFC 7914) over .NET's PBKDF2-HMAC-SHA256.</summary>
/// <remarks>
/// Written here rather than taken from BouncyCastle because BouncyCastle refuses n ≥ 65536 with r = 1, which the
/// published Web3 Secret Storage scrypt vector uses and geth accepts.
/// </remarks>
internal static class Scrypt
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        var blockBytes = 128 * r;
        var b = new byte[blockBytes * p];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, b, 1, HashAlgorithmName.SHA256);
        var words = 32 * r;
        var x = new uint[words];
        var v = new uint[words * n];
        var scratch = new uint[words];
        try
        {
            for (var i = 0; i < p; i++)
            {
                var chunk = b.AsSpan(i * blockBytes, blockBytes);
                for (var k = 0; k < words; k++)
                {
                    x[k] = BinaryPrimitives.ReadUInt32LittleEndian(chunk[(k * 4)..]);
                }

                RoMix(x, v, scratch, n, r);
                for (var k = 0; k < words; k++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(chunk[(k * 4)..], x[k]);
                }
            }

            var result = new byte[length];
            Rfc2898DeriveBytes.Pbkdf2(password, b, result, 1, HashAlgorithmName.SHA256);
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b);
            Array.Clear(x);
            Array.Clear(v);
            Array.Clear(scratch);
        }
    }

    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        var words = 32 * r;
        for (var i = 0; i < n; i++)
        {
            Array.Copy(x, 0, v, i * words, words);
            BlockMix(x, scratch, r);
        }

        for (var i = 0; i < n; i++)
        {
            var j = (int)(x[words - 16] & (uint)(n - 1));
            var offset = j * words;
            for (var k = 0; k < words; k++)
            {
                x[k] ^= v[offset + k];
            }

            BlockMix(x, scratch, r);
        }
    }

    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (var i = 0; i < 2 * r; i++)
        {
            for (var k = 0; k < 16; k++)
            {
                x[k] ^= b[i * 16 + k];
            }

            Salsa208(x);
            var target = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            x.CopyTo(y.AsSpan(target, 16));
        }

        y.AsSpan(0, 32 * r).CopyTo(b);
    }

    private static void Salsa208(Span<uint> b)
    {
        Span<uint> x = stackalloc uint[16];
        b.CopyTo(x);
        for (var i = 0; i < 8; i += 2)
        {
            x[4] ^= BitOperations.RotateLeft(x[0] + x[12], 7);
            x[8] ^= BitOperations.RotateLeft(x[4] + x[0], 9);
            x[12] ^= BitOperations.RotateLeft(x[8] + x[4], 13);
            x[0] ^= BitOperations.RotateLeft(x[12] + x[8], 18);
            x[9] ^= BitOperations.RotateLeft(x[5] + x[1], 7);
            x[13] ^= BitOperations.RotateLeft(x[9] + x[5], 9);
            x[1] ^= BitOperations.RotateLeft(x[13] + x[9], 13);
            x[5] ^= BitOperations.RotateLeft(x[1] + x[13], 18);
            x[14] ^= BitOperations.RotateLeft(x[10] + x[6], 7);
            x[2] ^= BitOperations.RotateLeft(x[14] + x[10], 9);
            x[6] ^= BitOperations.RotateLeft(x[2] + x[14], 13);
            x[10] ^= BitOperations.RotateLeft(x[6] + x[2], 18);
            x[3] ^= BitOperations.RotateLeft(x[15] + x[11], 7);
            x[7] ^= BitOperations.RotateLeft(x[3] + x[15], 9);
            x[11] ^= BitOperations.RotateLeft(x[7] + x[3], 13);
            x[15] ^= BitOperations.RotateLeft(x[11] + x[7], 18);
            x[1] ^= BitOperations.RotateLeft(x[0] + x[3], 7);
            x[2] ^= BitOperations.RotateLeft(x[1] + x[0], 9);
            x[3] ^= BitOperations.RotateLeft(x[2] + x[1], 13);
            x[0] ^= BitOperations.RotateLeft(x[3] + x[2], 18);
            x[6] ^= BitOperations.RotateLeft(x[5] + x[4], 7);
            x[7] ^= BitOperations.RotateLeft(x[6] + x[5], 9);
            x[4] ^= BitOperations.RotateLeft(x[7] + x[6], 13);
            x[5] ^= BitOperations.RotateLeft(x[4] + x[7], 18);
            x[11] ^= BitOperations.RotateLeft(x[10] + x[9], 7);
            x[8] ^= BitOperations.RotateLeft(x[11] + x[10], 9);
            x[9] ^= BitOperations.RotateLeft(x[8] + x[11], 13);
            x[10] ^= BitOperations.RotateLeft(x[9] + x[8], 18);
            x[12] ^= BitOperations.RotateLeft(x[15] + x[14], 7);
            x[13] ^= BitOperations.RotateLeft(x[12] + x[15], 9);
            x[14] ^= BitOperations.RotateLeft(x[13] + x[12], 13);
            x[15] ^= BitOperations.RotateLeft(x[14] + x[13], 18);
        }

        for (var i = 0; i < 16; i++)
        {
            b[i] += x[i];
        }
    }
}
