namespace Mining.Functions.Contributors;

/// <summary>One change to a contributor's credentials or webhook, as the audit trail keeps it.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Action">What happened: <c>key.created</c>, <c>key.rotated</c>, <c>key.revoked</c>, <c>webhook.url-changed</c>, <c>webhook.secret-rotated</c>.</param>
/// <param name="Actor">Who did it: <c>contributor</c> (with <paramref name="ByKeyId"/>), <c>operator</c> or <c>service</c>.</param>
/// <param name="KeyId">The key the change is about, if any.</param>
/// <param name="ByKeyId">The key that authenticated the contributor's request, if the contributor made it.</param>
/// <param name="Detail">A sentence with the particulars (never a key, secret or full URL).</param>
public sealed record AuditEntry(DateTimeOffset At, string Action, string Actor, string? KeyId, string? ByKeyId, string Detail);
