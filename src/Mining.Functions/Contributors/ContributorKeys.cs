using Azure;
using Azure.Data.Tables;

namespace Mining.Functions.Contributors;

/// <summary>
/// A contributor's API keys: rotate (a new key, shown once; the key that asked keeps working for a grace period of
/// <see cref="MinGrace"/> to <see cref="MaxGrace"/>, then stops), revoke (at once), list (never the key), and the
/// last time each was used (recorded at most every <see cref="LastUsedResolution"/> per key and process). Every change
/// is written to the <see cref="AuditTrail"/>. Keys stay stored only as SHA-256 digests.
/// </summary>
internal sealed class ContributorKeys(ContributorStore contributors, SecurityTables tables, AuditTrail audit, TimeProvider time)
{
    public static readonly TimeSpan MinGrace = TimeSpan.Zero;
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    /// <summary>Keys a contributor may hold that still work (active or in their grace period).</summary>
    public const int MaxWorkingKeys = 5;

    private readonly Storage.Remembered<string> _touched = new(time, LastUsedResolution, 10_000);

    /// <summary>
    /// Issues a new key and lets <paramref name="current"/> work for <paramref name="grace"/> more (or less, if it was
    /// already due to stop sooner). Null when the contributor already holds <see cref="MaxWorkingKeys"/> working keys.
    /// </summary>
    public async Task<(string ApiKey, ApiKeyInfo Key, ApiKeyInfo Previous)?> RotateAsync(KeyGrant current, TimeSpan grace, CancellationToken cancellationToken)
    {
        var contributorId = current.Contributor.Id;
        var now = time.GetUtcNow();
        if ((await ListAsync(contributorId, cancellationToken)).Count(k => k.State is "active" or "expiring") >= MaxWorkingKeys)
        {
            return null;
        }

        var apiKey = ApiKeys.Generate();
        var keyId = await contributors.AddKeyAsync(contributorId, apiKey, cancellationToken);
        var stopsAt = current.ExpiresAt is { } earlier && earlier < now + grace ? earlier : now + grace;
        await contributors.RestrictKeyAsync(current.Hash, stopsAt, null, cancellationToken);
        await MergeListingAsync(contributorId, current.KeyId, new() { ["ExpiresAt"] = stopsAt }, cancellationToken);
        await audit.RecordAsync(contributorId, "key.rotated", "contributor", keyId, current.KeyId,
            $"New key {keyId} issued; the rotated key {current.KeyId} works until {stopsAt:u}.", cancellationToken);
        var keys = await ListAsync(contributorId, cancellationToken);
        return (apiKey, keys.Single(k => k.Id == keyId), keys.Single(k => k.Id == current.KeyId));
    }

    /// <summary>
    /// Rotates the contributor's working key <paramref name="keyId"/> (the dashboard, whose session may not hold the key
    /// it rotates). Null when there is no such working key or the contributor holds <see cref="MaxWorkingKeys"/> already.
    /// </summary>
    public async Task<(string ApiKey, ApiKeyInfo Key, ApiKeyInfo Previous)?> RotateAsync(
        Contributor contributor, string keyId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var keys = await tables.KeysAsync(cancellationToken);
        var row = await keys.GetEntityIfExistsAsync<TableEntity>(contributor.Id, keyId, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("Hash") is not { } hash || ToInfo(row.Value).State is not ("active" or "expiring"))
        {
            return null;
        }

        return await RotateAsync(new KeyGrant(contributor, keyId, hash, row.Value.GetDateTimeOffset("ExpiresAt")), grace, cancellationToken);
    }

    /// <summary>
    /// Revokes the key <paramref name="keyId"/> of the contributor; null when it has no such key. Revoking a revoked
    /// key changes nothing and is not audited again.
    /// </summary>
    public async Task<(ApiKeyInfo Key, bool AlreadyRevoked)?> RevokeAsync(
        string contributorId, string keyId, string actor, string? byKeyId, string? reason, CancellationToken cancellationToken)
    {
        var keys = await tables.KeysAsync(cancellationToken);
        var row = await keys.GetEntityIfExistsAsync<TableEntity>(contributorId, keyId, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        if (row.Value!.GetDateTimeOffset("RevokedAt") is not null)
        {
            return (ToInfo(row.Value), true);
        }

        var now = time.GetUtcNow();
        await contributors.RestrictKeyAsync(row.Value.GetString("Hash"), null, now, cancellationToken);
        await MergeListingAsync(contributorId, keyId, new() { ["RevokedAt"] = now, ["RevokedBy"] = actor }, cancellationToken);
        await audit.RecordAsync(contributorId, "key.revoked", actor, keyId, byKeyId,
            reason is null ? $"Key {keyId} was revoked by the {actor}." : $"Key {keyId} was revoked by the {actor}: {reason}", cancellationToken);
        var revoked = await keys.GetEntityAsync<TableEntity>(contributorId, keyId, cancellationToken: cancellationToken);
        return (ToInfo(revoked.Value), false);
    }

    /// <summary>Every key of the contributor, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string contributorId, CancellationToken cancellationToken)
    {
        var keys = await tables.KeysAsync(cancellationToken);
        var items = new List<ApiKeyInfo>();
        await foreach (var row in keys.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {contributorId}"), cancellationToken: cancellationToken))
        {
            items.Add(ToInfo(row));
        }

        return [.. items.OrderByDescending(k => k.CreatedAt ?? DateTimeOffset.MinValue)];
    }

    /// <summary>
    /// Records that <paramref name="grant"/>'s key was used now (at most once per <see cref="LastUsedResolution"/> in
    /// this process). A key issued before keys were listed gets its listing here, from the key the request carried.
    /// </summary>
    public async Task TouchAsync(KeyGrant grant, string apiKey, CancellationToken cancellationToken)
    {
        if (_touched.Get(grant.Hash) is not null)
        {
            return;
        }

        _touched.Set(grant.Hash, grant.KeyId);
        await MergeListingAsync(grant.Contributor.Id, grant.KeyId, new()
        {
            ["Hash"] = grant.Hash,
            ["Prefix"] = ApiKeys.PrefixOf(apiKey),
            ["LastUsedAt"] = time.GetUtcNow(),
        }, cancellationToken);
    }

    private async Task MergeListingAsync(string contributorId, string keyId, Dictionary<string, object> values, CancellationToken cancellationToken)
    {
        var keys = await tables.KeysAsync(cancellationToken);
        await keys.UpsertEntityAsync(new TableEntity(values) { PartitionKey = contributorId, RowKey = keyId, ETag = ETag.All }, TableUpdateMode.Merge, cancellationToken);
    }

    private ApiKeyInfo ToInfo(TableEntity row)
    {
        var expires = row.GetDateTimeOffset("ExpiresAt");
        var revoked = row.GetDateTimeOffset("RevokedAt");
        var state = revoked is not null ? "revoked"
            : expires is null ? "active"
            : expires > time.GetUtcNow() ? "expiring"
            : "expired";
        return new ApiKeyInfo(row.RowKey, row.GetString("Prefix") ?? ApiKeys.Prefix, row.GetDateTimeOffset("CreatedAt"), row.GetDateTimeOffset("LastUsedAt"),
            expires, revoked, row.GetString("RevokedBy"), state);
    }
}
