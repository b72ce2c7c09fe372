using System.Security.Cryptography;
using System.Text.Json;
using Mining.Functions.Contributors;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.ApprovalRequests;

/// <summary>What an approval token is bound to.</summary>
/// <param name="LearningId">The learning it decides.</param>
/// <param name="ContributorId">Whose learning it is.</param>
/// <param name="Cid">The exact document (by CID) the contributor is shown.</param>
/// <param name="ExpiresAt">After this instant the token is refused.</param>
/// <param name="Nonce">Makes each token unique; the single-use record is keyed by it.</param>
public sealed record ApprovalClaims(string LearningId, string ContributorId, Cid Cid, DateTimeOffset ExpiresAt, string Nonce);

/// <summary>
/// Approval tokens: <c>base64url(claims JSON) "." base64url(HMAC-SHA256(key, claims JSON))</c>. The MAC is compared
/// in constant time; a token that was altered, signed with another key, or has expired is refused with a reason.
/// Single use is enforced by <see cref="ApprovalStore"/>, not here.
/// </summary>
internal sealed class ApprovalTokens(byte[] key, TimeProvider time)
{
    public string Issue(string learningId, string contributorId, Cid cid, DateTimeOffset expiresAt)
    {
        var claims = new ApprovalClaims(learningId, contributorId, cid, expiresAt, ApiKeys.Base64Url(RandomNumberGenerator.GetBytes(16)));
        var payload = JsonSerializer.SerializeToUtf8Bytes(claims);
        return ApiKeys.Base64Url(payload) + "." + ApiKeys.Base64Url(HMACSHA256.HashData(key, payload));
    }

    /// <summary>Reads and checks a token; <paramref name="problem"/> says why it was refused.</summary>
    public bool TryRead(string token, out ApprovalClaims? claims, out string problem)
    {
        claims = null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1 || token.Length > 2048
            || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var mac))
        {
            problem = "The approval link is malformed. Open the link from the approval message exactly as it was sent.";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), mac))
        {
            problem = "The approval link is not valid: its signature does not match. Use the link from the approval message.";
            return false;
        }

        claims = JsonSerializer.Deserialize<ApprovalClaims>(payload);
        if (claims is null)
        {
            problem = "The approval link is malformed.";
            return false;
        }

        if (claims.ExpiresAt <= time.GetUtcNow())
        {
            problem = $"The approval link expired at {claims.ExpiresAt:u}; the learning was not published.";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
