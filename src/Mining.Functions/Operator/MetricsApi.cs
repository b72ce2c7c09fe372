using Mining.Functions.Http;
using Mining.Functions.Storage;

namespace Mining.Functions.Operator;

/// <summary>
/// <c>GET /api/operator/metrics</c> (operator key): the storage requests made since the service started — the app's
/// own (tables, blobs) and, where this host runs the engine in process, the Durable Task engine's (tables, queues,
/// blobs; <c>null</c> under the Azure Functions host, which makes them itself) — and the engine's orchestration episodes and
/// activity executions by name (<c>engineWork</c>, likewise), so the storage cost and engine work of a learning are
/// measured, not counted from the code.
/// </summary>
internal static class MetricsApi
{
    public static void MapMetricsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/operator/metrics", (HttpContext context, StorageRequestCounter requests) =>
        {
            var engine = context.RequestServices.GetKeyedService<StorageRequestCounter>(StorageRequestCounter.EngineKey);
            var work = context.RequestServices.GetService<EngineWorkCounter>();
            return Results.Json(new
            {
                storageOperations = new
                {
                    app = new { table = requests.Table, blob = requests.Blob, total = requests.Total },
                    engine = engine is null ? null : new { table = engine.Table, queue = engine.Queue, blob = engine.Blob, total = engine.Total },
                    total = requests.Total + (engine?.Total ?? 0),
                },
                engineWork = work is null ? null : new { episodes = work.Episodes, activityCalls = work.ActivityCalls },
                since = requests.Since,
            });
        }).WithTags("Operator").RequireOperator();
}
