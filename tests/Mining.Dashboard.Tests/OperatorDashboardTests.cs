using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Mining.Testing;

namespace Mining.Dashboard.Tests;

/// <summary>
/// The operator's dashboard in Debian's chromium against the service on the real local stack: a learning whose pinning
/// fails (node A down behind the fault proxy) becomes a dead letter; the operator reads it and its audit trail and
/// replays it from the page, and the learning goes on (showing WaitingForBatch and when its batch closes) to Rewarded.
/// </summary>
[Collection("DevStack")]
public sealed class OperatorDashboardTests(DevStackFixture stack, DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_operator_replays_a_dead_letter_from_the_page_and_the_learning_is_rewarded()
    {
        Assert.NotEmpty(stack.Endpoints.IpfsNodes);
        var (_, api) = await app.NewContributorAsync();
        string id;
        app.Proxy.Set(FaultMode.Down);
        try
        {
            (id, _) = await DashboardApp.SubmitAsync(api, "dead letter");
            using var approved = await api.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null);
            approved.EnsureSuccessStatusCode();
            await DashboardApp.WaitForAsync(api, id, r => r.GetProperty("status").GetString() is "DeadLettered" or "Rewarded" or "Failed", Patience);
            Assert.Equal("DeadLettered", (await DashboardApp.LearningAsync(api, id)).GetProperty("status").GetString());
        }
        finally
        {
            app.Proxy.Set(FaultMode.Pass);
        }

        var page = await app.NewPageAsync();
        await DashboardApp.SignInAsync(page, app.OperatorKey);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#metrics")).ToContainTextAsync("app");
        await Assertions.Expect(page.Locator("#alerts")).ToContainTextAsync($"dl_{id}");

        await page.GetByRole(AriaRole.Link, new() { Name = $"dl_{id}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Open");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("Created");
        await DashboardApp.ScreenshotAsync(page, "operator-dead-letter");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay the failed stage" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Replayed");
        await Assertions.Expect(page.Locator("#state")).ToHaveTextAsync("Replayed");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("Replayed");
        await DashboardApp.ScreenshotAsync(page, "operator-replayed");

        // Verified again, it waits for its batch (the only one in this task hub, open for the 8 s window) and says until when.
        var waiting = await DashboardApp.WaitForAsync(api, id, r =>
            (r.GetProperty("status").GetString() == "WaitingForBatch" && r.TryGetProperty("batchClosesAt", out var at) && at.ValueKind == JsonValueKind.String)
            || r.GetProperty("status").GetString() is "Anchoring" or "Confirming" or "Rewarded" or "Failed" or "DeadLettered", Patience);
        Assert.Equal("WaitingForBatch", waiting.GetProperty("status").GetString());
        Assert.True(waiting.GetProperty("batchClosesAt").GetDateTimeOffset() > waiting.GetProperty("createdAt").GetDateTimeOffset());

        var done = await DashboardApp.WaitForAsync(api, id, r => r.GetProperty("status").GetString() is "Rewarded" or "Failed" or "DeadLettered", Patience);
        Assert.Equal("Rewarded", done.GetProperty("status").GetString());
        var deadLetter = await app.Operator.GetFromJsonAsync<JsonElement>(new Uri($"/api/deadletters/dl_{id}", UriKind.Relative));
        Assert.Equal(1, deadLetter.GetProperty("deadLetter").GetProperty("generation").GetInt32());
        await page.Context.CloseAsync();
    }
    [Fact]
    public async Task An_operator_pauses_and_resumes_all_uploads_from_the_page()
    {
        var (_, api) = await app.NewContributorAsync();
        var (id, _) = await DashboardApp.SubmitAsync(api, "operator pause");
        var page = await app.NewPageAsync();
        await DashboardApp.SignInAsync(page, app.OperatorKey);
        await using var turn = await OperatorPauseTurn.TakeAsync();
        await Assertions.Expect(page.Locator("#uploads-state")).ToContainTextAsync("Running");
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Pause all uploads" }).ClickAsync();
            await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("held");
            await Assertions.Expect(page.Locator("#uploads-state")).ToContainTextAsync("Held");
            await DashboardApp.ScreenshotAsync(page, "operator-paused-all");

            // A learning approved meanwhile is held before its first step.
            using (var approved = await api.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null))
            {
                approved.EnsureSuccessStatusCode();
            }

            // The orchestration's durable status says it waits at the pause gate before its first outward step.
            await app.WaitForPausedAsync(id, Patience);
            var held = await DashboardApp.LearningAsync(api, id);
            Assert.Equal("Approved", held.GetProperty("status").GetString());
            Assert.Empty(held.GetProperty("pins").EnumerateArray());

            await page.GetByRole(AriaRole.Button, new() { Name = "Resume all uploads" }).ClickAsync();
            await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Resumed");
            await Assertions.Expect(page.Locator("#uploads-state")).ToContainTextAsync("Running");
            await DashboardApp.ScreenshotAsync(page, "operator-resumed-all");
        }
        finally
        {
            using var resume = await app.Operator.PostAsync(new Uri("/api/operator/uploads/resume", UriKind.Relative), null);
            resume.EnsureSuccessStatusCode();
        }

        var record = await DashboardApp.WaitForAsync(api, id, r => r.GetProperty("pins").GetArrayLength() > 0 || r.GetProperty("status").GetString() is "Failed" or "DeadLettered", Patience);
        Assert.All(record.GetProperty("pins").EnumerateArray(), p => Assert.True(p.GetProperty("pinned").GetBoolean()));
        Assert.NotEmpty(record.GetProperty("pins").EnumerateArray());
        await page.Context.CloseAsync();
    }
}
