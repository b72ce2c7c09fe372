using System.Text.Json;
using Azure.Data.Tables;
using Mining.Functions.Learnings;
using Mining.Functions.Storage;

namespace Mining.Functions.Controls;

/// <summary>Contributor settings and the operator-wide pause, durable in a table.</summary>
internal sealed class SettingsStore(AppStorage storage, ServiceStateStore state)
{
    private const string OperatorPauseKey = "uploads-paused-by-operator";

    private TableClient Table => storage.Table(AppStorage.SettingsTable);

    public async Task<ContributorSettings> GetAsync(string contributorId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, "settings", cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<ContributorSettings>(row.Value!.GetString("Settings"), LearningStore.Json)! : new ContributorSettings();
    }

    public async Task SaveAsync(string contributorId, ContributorSettings settings, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new TableEntity(contributorId, "settings") { ["Settings"] = JsonSerializer.Serialize(settings, LearningStore.Json) },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<bool> IsPausedByOperatorAsync(CancellationToken cancellationToken) =>
        await state.GetAsync(OperatorPauseKey, cancellationToken) == "true";

    public async Task SetOperatorPauseAsync(bool paused, CancellationToken cancellationToken) =>
        await state.SetAsync(OperatorPauseKey, paused ? "true" : "false", cancellationToken);
}
