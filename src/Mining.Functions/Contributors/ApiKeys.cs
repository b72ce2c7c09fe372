using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Mining.Functions.Contributors;

/// <summary>
/// API keys: 256 random bits shown once (<c>mk_…</c>); only their SHA-256 is stored. A key with that much entropy
/// needs no slow hash: the stored digest cannot be reversed or guessed. A key is named in listings and the audit trail
/// by its id (<c>key_</c> and the first 16 hex digits of its digest) and its prefix (<c>mk_</c> and six characters).
/// </summary>
internal static class ApiKeys
{
    public const string Prefix = "mk_";
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key's public id, from its digest.</summary>
    public static string IdOf(string hash) => "key_" + hash[..16];

    /// <summary>The first characters of the key, to recognise it by: never enough to use or guess it.</summary>
    public static string PrefixOf(string key) => key[..Math.Min(key.Length, Prefix.Length + 6)];

    public static bool IsWellFormedId(string? id) =>
        id is { Length: 20 } && id.StartsWith("key_", StringComparison.Ordinal) && !id.AsSpan(4).ContainsAnyExcept(Hex);

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
