using System.Security.Cryptography;
using System.Text;

namespace Mining.Functions.Contributors;

/// <summary>
/// API keys: 256 random bits shown once (<c>mk_…</c>); only their SHA-256 is stored. A key with that much entropy
/// needs no slow hash: the stored digest cannot be reversed or guessed.
/// </summary>
internal static class ApiKeys
{
    public const string Prefix = "mk_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
