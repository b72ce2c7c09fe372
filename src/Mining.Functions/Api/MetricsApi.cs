using Mining.Durable;
using Mining.Functions.Storage;

namespace Mining.Functions.Api;

/// <summary>
/// <c>GET /api/operator/metrics</c> (operator key): the storage requests made since the service started — the app's
/// own (tables, blobs) and the engine's (tables, queues, blobs, and how many queue receives found nothing) — so the
/// storage cost of a learning is measured, not counted from the code.
/// </summary>
internal static class MetricsApi
{
    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/metrics", (StorageRequestCounter requests, DurableTaskClient durable) =>
        {
            var engine = durable.StorageOperations;
            return Results.Json(new
            {
                storageOperations = new
                {
                    app = new { table = requests.Table, blob = requests.Blob, total = requests.Total },
                    engine = new { table = engine.Table, queue = engine.Queue, blob = engine.Blob, emptyReceives = engine.EmptyReceives, total = engine.Total },
                    total = requests.Total + engine.Total,
                },
                since = requests.Since,
            });
        }).WithTags("Operator").RequireOperator();
}
