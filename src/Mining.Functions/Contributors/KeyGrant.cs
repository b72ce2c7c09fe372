namespace Mining.Functions.Contributors;

/// <summary>What a valid API key grants: whose it is, which key it is, and until when it works (null: until revoked).</summary>
internal sealed record KeyGrant(Contributor Contributor, string KeyId, string Hash, DateTimeOffset? ExpiresAt);
