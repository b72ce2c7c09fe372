using System.Text.Json;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary>Reads every page of <c>GET /api/learnings</c> (50 a page, following the continuation token).</summary>
internal static class LearningPages
{
    public static async Task<List<JsonElement>> AllAsync(MiningApi api, string? status, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var page = await api.GetJsonAsync("api/learnings" + MiningApi.Query(("status", status), ("continuation", continuation)), cancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = LearningView.Text(page, "continuation");
        }
        while (continuation is not null);
        return items;
    }

    public static Task<JsonElement> OneAsync(MiningApi api, string id, CancellationToken cancellationToken) =>
        api.GetJsonAsync("api/learnings/" + MiningApi.Segment(id), cancellationToken);
}
