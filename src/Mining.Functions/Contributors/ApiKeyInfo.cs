namespace Mining.Functions.Contributors;

/// <summary>One API key as its contributor (or the operator) sees it: never the key itself.</summary>
/// <param name="Id">The key's id (<c>key_…</c>), used to revoke it.</param>
/// <param name="Prefix">The key's first characters (<c>mk_</c> and six more), to recognise it by.</param>
/// <param name="CreatedAt">When it was issued; null for a key issued before keys were listed.</param>
/// <param name="LastUsedAt">When it last authenticated a request (to within five minutes); null if never seen.</param>
/// <param name="ExpiresAt">When it stops working after a rotation; null: until revoked.</param>
/// <param name="RevokedAt">When it was revoked; null if it was not.</param>
/// <param name="RevokedBy"><c>contributor</c> or <c>operator</c>.</param>
/// <param name="State"><c>active</c>, <c>expiring</c> (in its grace period), <c>expired</c> or <c>revoked</c>.</param>
public sealed record ApiKeyInfo(
    string Id, string Prefix, DateTimeOffset? CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, string State);
