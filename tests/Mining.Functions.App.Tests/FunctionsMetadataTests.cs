using Mining.Functions.Hosting;


namespace Mining.Functions.App.Tests;

public sealed class FunctionsMetadataTests
{
    [Fact]
    public void The_README_table_is_read_into_routes()
    {
        var routes = ReadmeApiTable.Routes(AppBuildOutput.ReadmeText);

        Assert.Contains(("POST", "api/learnings/{}/reject"), routes);
        Assert.Contains(("GET", "api/learnings"), routes);
        Assert.Contains(("POST", "api/operator/uploads/resume"), routes);
        Assert.Contains(("GET", "readyz"), routes);
        Assert.True(routes.Count >= 30, $"Only {routes.Count} routes read from the README's HTTP API table.");
    }

    [Fact]
    public void Every_route_of_the_README_table_is_an_anonymous_http_trigger_with_its_method()
    {
        var triggers = AppBuildOutput.Functions
            .Select(f => f.Trigger("httpTrigger"))
            .OfType<BindingEntry>()
            .SelectMany(t => t.Methods.Select(m => (Method: m, Route: ReadmeApiTable.Normalize(t.Route!))))
            .ToHashSet();

        var missing = ReadmeApiTable.Routes(AppBuildOutput.ReadmeText).Where(r => !triggers.Contains(r)).ToList();

        Assert.True(missing.Count == 0, "No HTTP trigger for: " + string.Join(", ", missing.Select(r => $"{r.Method} /{r.Route}")));
    }

    [Fact]
    public void Every_http_trigger_is_in_the_README_table_or_is_the_OpenAPI_document()
    {
        var documented = ReadmeApiTable.Routes(AppBuildOutput.ReadmeText).ToHashSet();
        var undocumented = AppBuildOutput.Functions
            .Select(f => f.Trigger("httpTrigger"))
            .OfType<BindingEntry>()
            .SelectMany(t => t.Methods.Select(m => (Method: m, Route: ReadmeApiTable.Normalize(t.Route!))))
            .Where(r => !documented.Contains(r) && r.Route != "openapi/{}.json")
            .ToList();

        Assert.True(undocumented.Count == 0, "HTTP triggers missing from the README's table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Every_orchestrator_has_an_orchestration_trigger()
    {
        var missing = Workflows.Orchestrators.Select(o => o.Name)
            .Where(name => AppBuildOutput.Functions.SingleOrDefault(f => f.Name == name)?.Trigger("orchestrationTrigger") is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_activity_has_an_activity_trigger_with_the_durable_client()
    {
        var missing = Workflows.Activities.Select(a => a.Name)
            .Where(name => AppBuildOutput.Functions.SingleOrDefault(f => f.Name == name) is not { } function
                || function.Trigger("activityTrigger") is null || function.Trigger("durableClient") is null)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Start_up_runs_at_start_and_every_five_minutes_and_the_failure_scan_every_minute()
    {
        var startup = AppBuildOutput.Functions.Single(f => f.Name == nameof(ServiceStartup)).Trigger("timerTrigger");
        var scan = AppBuildOutput.Functions.Single(f => f.Name == "FailedInstanceScan").Trigger("timerTrigger");

        Assert.Equal(("0 */5 * * * *", true), (startup?.Schedule, startup?.RunOnStartup ?? false));
        Assert.Equal("0 * * * * *", scan?.Schedule);
    }

    [Fact]
    public void Every_http_and_timer_function_takes_the_durable_client()
    {
        var without = AppBuildOutput.Functions
            .Where(f => (f.Trigger("httpTrigger") ?? f.Trigger("timerTrigger")) is not null && f.Trigger("durableClient") is null)
            .Select(f => f.Name)
            .ToList();

        Assert.Empty(without);
    }
}
