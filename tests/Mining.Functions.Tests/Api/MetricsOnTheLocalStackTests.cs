using System.Net.Http.Json;
using System.Text.Json;
using Mining.Functions.Tests.Publishing;
using Mining.Testing;

namespace Mining.Functions.Tests.Api;

/// <summary><c>GET /api/operator/metrics</c> on the real local stack: the app's and the engine's storage requests since start.</summary>
[Collection("DevStack")]
public sealed class MetricsOnTheLocalStackTests(DevStackFixture stack) : IDisposable
{
    private readonly DateTimeOffset _beforeStart = DateTimeOffset.UtcNow;
    private readonly LocalStackApp _app = new();

    [Fact]
    public async Task Submitting_a_learning_raises_the_apps_table_and_blob_counts_and_the_engines()
    {
        Assert.NotEmpty(stack.Endpoints.IpfsNodes);
        var (client, _) = await _app.NewContributorAsync();
        using var operatorClient = _app.OperatorClient();

        var before = await MetricsAsync(operatorClient);
        await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var after = await MetricsAsync(operatorClient);

        // Submitting inserts the learning record (a table; the API key and the controls this process stored when it created
        // the contributor are remembered) and stores the document (a blob); the engine inserts the new instance (a table)
        // and sends its start message (a queue).
        Assert.True(Count(after, "app", "table") - Count(before, "app", "table") >= 1, $"{before} → {after}");
        Assert.True(Count(after, "app", "blob") - Count(before, "app", "blob") >= 1, $"{before} → {after}");
        Assert.True(Count(after, "engine", "table") - Count(before, "engine", "table") >= 1, $"{before} → {after}");
        Assert.True(Count(after, "engine", "queue") - Count(before, "engine", "queue") >= 1, $"{before} → {after}");
        foreach (var metrics in new[] { before, after })
        {
            var operations = metrics.GetProperty("storageOperations");
            Assert.Equal(Count(metrics, "app", "table") + Count(metrics, "app", "blob"), Count(metrics, "app", "total"));
            Assert.Equal(Count(metrics, "engine", "table") + Count(metrics, "engine", "queue") + Count(metrics, "engine", "blob"), Count(metrics, "engine", "total"));
            Assert.Equal(Count(metrics, "app", "total") + Count(metrics, "engine", "total"), operations.GetProperty("total").GetInt64());
        }

        var since = after.GetProperty("since").GetDateTimeOffset();
        Assert.Equal(since, before.GetProperty("since").GetDateTimeOffset());
        Assert.InRange(since, _beforeStart, DateTimeOffset.UtcNow);
    }

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> MetricsAsync(HttpClient operatorClient) =>
        await operatorClient.GetFromJsonAsync<JsonElement>(new Uri("/api/operator/metrics", UriKind.Relative));

    private static long Count(JsonElement metrics, string part, string name) =>
        metrics.GetProperty("storageOperations").GetProperty(part).GetProperty(name).GetInt64();
}
