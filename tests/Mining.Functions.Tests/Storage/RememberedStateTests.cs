using Microsoft.Extensions.Time.Testing;
using Mining.Functions.Learnings;
using Mining.Functions.Settings;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Storage;

/// <summary>
/// What the stores remember, on real Azurite. Two store instances on the same tables stand for two processes of a
/// scaled-out service; each has its own request counter, so the tests assert how many requests a step costs.
/// </summary>
[Collection("DevStack")]
public sealed class RememberedStateTests(DevStackFixture stack)
{
    [Fact]
    public async Task An_update_of_a_record_this_process_wrote_costs_one_request_and_a_change_from_another_process_is_never_lost()
    {
        var (a, countA) = await StorageAsync();
        var (b, countB) = await StorageAsync();
        var storeA = new LearningStore(a, TimeProvider.System);
        var storeB = new LearningStore(b, TimeProvider.System);
        var record = NewRecord();
        await storeA.AddOrGetAsync(record, CancellationToken.None);

        var before = countA.Table;
        await storeA.UpdateAsync(record.ContributorId, record.Id, r => r with { Reason = "a1" }, CancellationToken.None);
        Assert.Equal(before + 1, countA.Table);

        before = countB.Table;
        await storeB.UpdateAsync(record.ContributorId, record.Id, r => r with { Title = r.Title + " (b)" }, CancellationToken.None);
        Assert.Equal(before + 2, countB.Table);

        before = countA.Table;
        var merged = await storeA.UpdateAsync(record.ContributorId, record.Id, r => r with { Reason = r.Reason + ",a2" }, CancellationToken.None);
        Assert.Equal(before + 3, countA.Table);
        Assert.Equal("a1,a2", merged.Reason);
        Assert.Equal(record.Title + " (b)", merged.Title);

        var stored = await new LearningStore((await StorageAsync()).Storage, TimeProvider.System).FindAsync(record.ContributorId, record.Id, CancellationToken.None);
        Assert.Equal("a1,a2", stored!.Reason);
        Assert.Equal(record.Title + " (b)", stored.Title);
    }

    [Fact]
    public async Task A_batch_of_changes_writes_each_contributors_records_in_one_transaction_and_keeps_a_change_made_elsewhere()
    {
        var (a, countA) = await StorageAsync();
        var (b, _) = await StorageAsync();
        var storeA = new LearningStore(a, TimeProvider.System);
        var storeB = new LearningStore(b, TimeProvider.System);
        var first = NewRecord();
        var many = Enumerable.Range(0, 5).Select(i => NewRecord() with { ContributorId = first.ContributorId, Title = $"Many {i}" }).ToList();
        var alone = NewRecord();
        foreach (var record in many.Append(alone))
        {
            await storeA.AddOrGetAsync(record, CancellationToken.None);
        }

        RecordChange[] Changes(string reason) =>
            [.. many.Append(alone).Select(r => new RecordChange(r.ContributorId, r.Id, x => x with { Reason = (x.Reason is null ? "" : x.Reason + ",") + reason }))];

        var before = countA.Table;
        await storeA.UpdateManyAsync(Changes("one"), CancellationToken.None);
        Assert.Equal(before + 2, countA.Table);

        await storeB.UpdateAsync(many[2].ContributorId, many[2].Id, r => r with { Title = "Changed elsewhere" }, CancellationToken.None);
        before = countA.Table;
        await storeA.UpdateManyAsync(Changes("two"), CancellationToken.None);
        Assert.Equal(before + 1 + (5 * 2) + 1, countA.Table);

        var reader = new LearningStore((await StorageAsync()).Storage, TimeProvider.System);
        foreach (var record in many.Append(alone))
        {
            var stored = await reader.FindAsync(record.ContributorId, record.Id, CancellationToken.None);
            Assert.Equal("one,two", stored!.Reason);
            Assert.Equal(record.Id == many[2].Id ? "Changed elsewhere" : record.Title, stored.Title);
        }
    }

    [Fact]
    public async Task A_control_applies_at_once_in_the_process_that_stored_it_and_within_two_seconds_in_another()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (a, countA) = await StorageAsync();
        var (b, countB) = await StorageAsync();
        var settingsA = new SettingsStore(a, new ServiceStateStore(a), time);
        var settingsB = new SettingsStore(b, new ServiceStateStore(b), time);
        var contributor = "ctb_" + Guid.NewGuid().ToString("N")[..16];

        await settingsA.SaveAsync(contributor, new ContributorSettings { UploadsEnabled = true, LocalOnly = true }, CancellationToken.None);
        var before = countA.Table;
        Assert.True((await settingsA.GetRecentAsync(contributor, CancellationToken.None)).LocalOnly);
        Assert.Equal(before, countA.Table);
        Assert.True((await settingsB.GetRecentAsync(contributor, CancellationToken.None)).LocalOnly);

        await settingsA.SaveAsync(contributor, new ContributorSettings { UploadsEnabled = true, LocalOnly = false }, CancellationToken.None);
        Assert.False((await settingsA.GetRecentAsync(contributor, CancellationToken.None)).LocalOnly);
        Assert.True((await settingsB.GetRecentAsync(contributor, CancellationToken.None)).LocalOnly);
        Assert.False((await settingsB.GetAsync(contributor, CancellationToken.None)).LocalOnly);

        await settingsA.SaveAsync(contributor, new ContributorSettings { UploadsEnabled = true, LocalOnly = true }, CancellationToken.None);
        time.Advance(SettingsStore.Freshness);
        before = countB.Table;
        Assert.True((await settingsB.GetRecentAsync(contributor, CancellationToken.None)).LocalOnly);
        Assert.Equal(before + 1, countB.Table);
    }

    [Fact]
    public async Task Publishing_reads_a_document_this_process_stored_from_memory_while_the_approval_page_and_re_pinning_read_the_blob()
    {
        var (a, count) = await StorageAsync();
        var documents = new DocumentStore(a, TimeProvider.System);
        var cid = Mining.Core.Preparation.ContentPreparer.ComputeCid(Guid.NewGuid().ToByteArray());
        byte[] bytes = [1, 2, 3, 4];
        await documents.SaveDocumentAsync(cid, bytes, CancellationToken.None);
        await a.Container(AppStorage.DocumentsContainer).GetBlobClient(cid.ToString()).DeleteAsync();

        var before = count.Blob;
        Assert.Equal(bytes, await documents.ReadRecentDocumentAsync(cid, CancellationToken.None));
        Assert.Equal(before, count.Blob);
        Assert.Null(await documents.ReadDocumentAsync(cid, CancellationToken.None));
        Assert.Equal(before + 1, count.Blob);
    }

    private async Task<(AppStorage Storage, StorageRequestCounter Count)> StorageAsync()
    {
        var count = new StorageRequestCounter(TimeProvider.System);
        var storage = new AppStorage(stack.Endpoints.AzuriteConnectionString, count);
        await storage.EnsureCreatedAsync(CancellationToken.None);
        return (storage, count);
    }

    private static LearningRecord NewRecord() => new()
    {
        Id = "lrn_" + Guid.NewGuid().ToString("N")[..24],
        ContributorId = "ctb_" + Guid.NewGuid().ToString("N")[..16],
        Cid = Mining.Core.Preparation.ContentPreparer.ComputeCid("remembered"u8),
        Title = "Remembered",
        InputDigest = "sha256:remembered",
        Status = LearningStatus.AwaitingApproval,
        CreatedAt = DateTimeOffset.UtcNow,
    };
}
