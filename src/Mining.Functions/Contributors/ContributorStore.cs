using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;

namespace Mining.Functions.Contributors;

/// <summary>
/// Contributors and their hashed API keys, in tables. The <c>ApiKeys</c> table is the authority on a key (partition =
/// its SHA-256: the contributor, the key id, its expiry and revocation); <c>ContributorKeys</c> lists each
/// contributor's keys for <see cref="ContributorKeys"/>. Every authenticated request looks its key up, so a valid key
/// is remembered for <see cref="KeyFreshness"/> (its expiry is checked on every request): a revocation applies at once
/// in the process that stored it and within <see cref="KeyFreshness"/> in the others. A contributor found by id is
/// remembered for a minute (contributors never change in place). Unknown, expired and revoked keys are not remembered.
/// </summary>
internal sealed class ContributorStore(AppStorage storage, SecurityTables tables, AuditTrail audit, TimeProvider time)
{
    /// <summary>How long a valid key is answered from memory.</summary>
    public static readonly TimeSpan KeyFreshness = TimeSpan.FromSeconds(15);

    private const string Partition = "contributor";
    private readonly Remembered<KeyGrant> _byKeyHash = new(time, KeyFreshness, 10_000);
    private readonly Remembered<Contributor> _byId = new(time, TimeSpan.FromMinutes(1), 10_000);

    /// <summary>Creates a contributor and returns it with its API key, which is never stored or shown again.</summary>
    public async Task<(Contributor Contributor, string ApiKey)> CreateAsync(
        string name, string email, string rewardAddress, CancellationToken cancellationToken, string? id = null, string? apiKey = null)
    {
        var contributor = new Contributor(
            id ?? "ctb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, email, rewardAddress, time.GetUtcNow());
        apiKey ??= ApiKeys.Generate();
        await storage.Table(AppStorage.ContributorsTable).UpsertEntityAsync(ToEntity(contributor), TableUpdateMode.Replace, cancellationToken);
        _byId.Set(contributor.Id, contributor);
        var keyId = await AddKeyAsync(contributor.Id, apiKey, cancellationToken);
        await audit.RecordAsync(contributor.Id, "key.created", "operator", keyId, null, "The contributor was created with its first API key.", cancellationToken);
        return (contributor, apiKey);
    }

    public async Task<Contributor?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_byId.Get(id) is { } cached)
        {
            return cached;
        }

        var row = await storage.Table(AppStorage.ContributorsTable)
            .GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        var contributor = row.HasValue ? FromEntity(row.Value!) : null;
        _byId.Set(id, contributor);
        return contributor;
    }

    /// <summary>
    /// The contributors registered under <paramref name="email"/> (as given, or in lower case), at most
    /// <paramref name="max"/>. Several contributors may share an address.
    /// </summary>
    public async Task<IReadOnlyList<Contributor>> FindByEmailAsync(string email, int max, CancellationToken cancellationToken)
    {
        var found = new List<Contributor>();
        foreach (var spelling in new[] { email, email.ToLowerInvariant() }.Distinct(StringComparer.Ordinal))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Email eq {spelling}");
            await foreach (var row in storage.Table(AppStorage.ContributorsTable).QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
            {
                if (found.Count < max && found.All(c => c.Id != row.RowKey))
                {
                    found.Add(FromEntity(row));
                }
            }
        }

        return found;
    }

    /// <summary>The contributor an API key belongs to, or null for an unknown, expired or revoked key.</summary>
    public async Task<Contributor?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        (await FindGrantAsync(apiKey, cancellationToken))?.Contributor;

    /// <summary>What a key grants, or null for an unknown, expired or revoked key.</summary>
    public async Task<KeyGrant?> FindGrantAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        var grant = _byKeyHash.Get(hash);
        if (grant is null)
        {
            var row = await storage.Table(AppStorage.ApiKeysTable).GetEntityIfExistsAsync<TableEntity>(hash, string.Empty, cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value!.GetDateTimeOffset("RevokedAt") is not null
                || await FindAsync(row.Value.GetString("ContributorId"), cancellationToken) is not { } contributor)
            {
                return null;
            }

            grant = new KeyGrant(contributor, ApiKeys.IdOf(hash), hash, row.Value.GetDateTimeOffset("ExpiresAt"));
        }

        if (grant.ExpiresAt <= time.GetUtcNow())
        {
            _byKeyHash.Forget(hash);
            return null;
        }

        _byKeyHash.Set(hash, grant);
        return grant;
    }

    /// <summary>Stores a new key of the contributor: its listing first, then the lookup row that makes it work.</summary>
    internal async Task<string> AddKeyAsync(string contributorId, string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        var keyId = ApiKeys.IdOf(hash);
        var keys = await tables.KeysAsync(cancellationToken);
        await keys.UpsertEntityAsync(
            new TableEntity(contributorId, keyId) { ["Hash"] = hash, ["Prefix"] = ApiKeys.PrefixOf(apiKey), ["CreatedAt"] = time.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);
        await storage.Table(AppStorage.ApiKeysTable).UpsertEntityAsync(
            new TableEntity(hash, string.Empty) { ["ContributorId"] = contributorId, ["KeyId"] = keyId },
            TableUpdateMode.Replace, cancellationToken);
        return keyId;
    }

    /// <summary>
    /// Sets when a key stops working (<paramref name="expiresAt"/>) or that it was revoked (<paramref name="revokedAt"/>)
    /// on its lookup row, the authority, and forgets it here.
    /// </summary>
    internal async Task RestrictKeyAsync(string hash, DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, CancellationToken cancellationToken)
    {
        var change = new TableEntity(hash, string.Empty);
        if (expiresAt is not null)
        {
            change["ExpiresAt"] = expiresAt;
        }

        if (revokedAt is not null)
        {
            change["RevokedAt"] = revokedAt;
        }

        try
        {
            await storage.Table(AppStorage.ApiKeysTable).UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No lookup row: the key cannot authenticate anything, which is what was asked.
        }

        _byKeyHash.Forget(hash);
    }

    private static TableEntity ToEntity(Contributor c) => new(Partition, c.Id)
    {
        ["Name"] = c.Name,
        ["Email"] = c.Email,
        ["RewardAddress"] = c.RewardAddress,
        ["CreatedAt"] = c.CreatedAt,
    };

    private static Contributor FromEntity(TableEntity e) => new(
        e.RowKey, e.GetString("Name"), e.GetString("Email"), e.GetString("RewardAddress"), e.GetDateTimeOffset("CreatedAt")!.Value);
}
