using System.Text.Json;
using Azure.Data.Tables;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.Settings;

/// <summary>
/// Contributor settings and the operator-wide pause, durable in a table. The publishing steps and submissions ask for
/// them on every learning, so what this process read or wrote in the last <see cref="Freshness"/> is answered from
/// memory (<see cref="GetRecentAsync"/>, <see cref="IsPausedByOperatorAsync"/>): a change takes effect at once in the
/// process that stored it and within <see cref="Freshness"/> in the others. The settings API reads the table.
/// </summary>
internal sealed class SettingsStore(AppStorage storage, ServiceStateStore state, TimeProvider time)
{
    /// <summary>How long a read or written control is answered from memory.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    private const string OperatorPauseKey = "uploads-paused-by-operator";
    private readonly Remembered<ContributorSettings> _recent = new(time, Freshness, 10_000);
    private readonly Remembered<string> _operatorPause = new(time, Freshness, 1);

    private TableClient Table => storage.Table(AppStorage.SettingsTable);

    /// <summary>The stored settings, read from the table.</summary>
    public async Task<ContributorSettings> GetAsync(string contributorId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, "settings", cancellationToken: cancellationToken);
        var settings = (row.HasValue ? JsonSerializer.Deserialize<ContributorSettings>(row.Value!.GetString("Settings"), LearningStore.Json)! : new ContributorSettings())
            with { ContributorId = contributorId };
        _recent.Set(contributorId, settings);
        return settings;
    }

    /// <summary>The settings as this process read or wrote them in the last <see cref="Freshness"/>, else read from the table.</summary>
    public async Task<ContributorSettings> GetRecentAsync(string contributorId, CancellationToken cancellationToken) =>
        _recent.Get(contributorId) ?? await GetAsync(contributorId, cancellationToken);

    public async Task SaveAsync(string contributorId, ContributorSettings settings, CancellationToken cancellationToken)
    {
        settings = settings with { ContributorId = contributorId };
        _recent.Forget(contributorId);
        await Table.UpsertEntityAsync(
            new TableEntity(contributorId, "settings") { ["Settings"] = JsonSerializer.Serialize(settings, LearningStore.Json) },
            TableUpdateMode.Replace,
            cancellationToken);
        _recent.Set(contributorId, settings);
    }

    /// <summary>Whether the operator paused uploads, as this process read or wrote it in the last <see cref="Freshness"/>.</summary>
    public async Task<bool> IsPausedByOperatorAsync(CancellationToken cancellationToken)
    {
        var value = _operatorPause.Get(OperatorPauseKey) ?? await state.GetAsync(OperatorPauseKey, cancellationToken) ?? "false";
        _operatorPause.Set(OperatorPauseKey, value);
        return value == "true";
    }

    public async Task SetOperatorPauseAsync(bool paused, CancellationToken cancellationToken)
    {
        _operatorPause.Forget(OperatorPauseKey);
        await state.SetAsync(OperatorPauseKey, paused ? "true" : "false", cancellationToken);
        _operatorPause.Set(OperatorPauseKey, paused ? "true" : "false");
    }
}
