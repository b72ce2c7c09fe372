using System.Security.Cryptography;
using Azure.Data.Tables;
using Mining.Functions.Storage;

namespace Mining.Functions.Contributors;

/// <summary>
/// Contributors and their hashed API keys, in tables. Every authenticated request looks its key up, so a key found (and
/// a contributor found by id) is remembered for a minute (keys are never revoked and contributors never change in place; the minute bounds how long
/// another process's re-creation of a contributor with the same id takes to show). Unknown keys are not remembered.
/// </summary>
internal sealed class ContributorStore(AppStorage storage, TimeProvider time)
{
    private const string Partition = "contributor";
    private readonly Remembered<Contributor> _byKeyHash = new(time, TimeSpan.FromMinutes(1), 10_000);
    private readonly Remembered<Contributor> _byId = new(time, TimeSpan.FromMinutes(1), 10_000);

    /// <summary>Creates a contributor and returns it with its API key, which is never stored or shown again.</summary>
    public async Task<(Contributor Contributor, string ApiKey)> CreateAsync(
        string name, string email, string rewardAddress, CancellationToken cancellationToken, string? id = null, string? apiKey = null)
    {
        var contributor = new Contributor(
            id ?? "ctb_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, email, rewardAddress, time.GetUtcNow());
        apiKey ??= ApiKeys.Generate();
        var hash = ApiKeys.Hash(apiKey);
        await storage.Table(AppStorage.ApiKeysTable).UpsertEntityAsync(
            new TableEntity(hash, string.Empty) { ["ContributorId"] = contributor.Id },
            TableUpdateMode.Replace, cancellationToken);
        await storage.Table(AppStorage.ContributorsTable).UpsertEntityAsync(ToEntity(contributor), TableUpdateMode.Replace, cancellationToken);
        _byId.Set(contributor.Id, contributor);
        _byKeyHash.Set(hash, contributor);
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

    /// <summary>The contributor an API key belongs to, or null for an unknown key.</summary>
    public async Task<Contributor?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        var hash = ApiKeys.Hash(apiKey);
        if (_byKeyHash.Get(hash) is { } cached)
        {
            return cached;
        }

        var row = await storage.Table(AppStorage.ApiKeysTable).GetEntityIfExistsAsync<TableEntity>(hash, string.Empty, cancellationToken: cancellationToken);
        var contributor = row.HasValue ? await FindAsync(row.Value!.GetString("ContributorId"), cancellationToken) : null;
        _byKeyHash.Set(hash, contributor);
        return contributor;
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
