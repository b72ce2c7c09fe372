using System.Security.Cryptography;
using System.Text;
using Mining.Functions.Contributors;

namespace Mining.Functions.Http;

/// <summary>
/// Continuation tokens handed to clients are the storage token plus a MAC over it and the contributor id, so a
/// token that was not issued here (or was issued to someone else) is refused instead of steering a table query.
/// </summary>
internal sealed class ContinuationTokens(byte[] key)
{
    public string? Protect(string contributorId, string? token) =>
        token is null ? null : ApiKeys.Base64Url(Encoding.UTF8.GetBytes(token)) + "." + ApiKeys.Base64Url(Mac(contributorId, token));

    public bool TryUnprotect(string contributorId, string text, out string? token)
    {
        token = null;
        var parts = text.Split('.');
        if (parts.Length != 2 || !TryDecode(parts[0], out var raw) || !TryDecode(parts[1], out var mac))
        {
            return false;
        }

        var candidate = Encoding.UTF8.GetString(raw);
        if (!CryptographicOperations.FixedTimeEquals(Mac(contributorId, candidate), mac))
        {
            return false;
        }

        token = candidate;
        return true;
    }

    private byte[] Mac(string contributorId, string token) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("continuation\n" + contributorId + "\n" + token))[..16];

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
