using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mining.Functions.Operations;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>The operator's side on the real local stack: its key, alerts sent once per incident, the operator-wide pause.</summary>
[Collection("DevStack")]
public sealed class OperatorOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>
{
    private static readonly HttpClient Mail = new();

    [Theory]
    [InlineData("GET", "/api/alerts")]
    [InlineData("POST", "/api/operator/uploads/pause")]
    [InlineData("POST", "/api/operator/uploads/resume")]
    [InlineData("POST", "/api/contributors")]
    [InlineData("GET", "/api/operator/metrics")]
    public async Task Operator_endpoints_refuse_no_key_a_wrong_key_and_a_contributor_key(string method, string path)
    {
        var (contributor, _) = await app.NewContributorAsync(uploadsEnabled: false);
        foreach (var key in new[] { null, "mk_not-the-operator", contributor.DefaultRequestHeaders.GetValues("X-Api-Key").Single() })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            using var client = app.CreateClient();
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.False(await app.Service<Settings.SettingsStore>().IsPausedByOperatorAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_alert_raised_twice_for_one_incident_reaches_the_operator_inbox_once_and_is_listed()
    {
        var incident = "test-incident-" + Guid.NewGuid().ToString("N");
        var alerts = app.Service<OperatorAlerts>();
        var alert = new OperatorAlert(incident, $"Test incident {incident}", "What happened and what to do.");

        Assert.True(await alerts.SendOnceAsync(alert, CancellationToken.None));
        Assert.False(await alerts.SendOnceAsync(alert, CancellationToken.None));
        Assert.True(await alerts.SendOnceAsync(alert with { Key = incident + "-other", Subject = "Another incident " + incident }, CancellationToken.None));

        Assert.Equal(1, await EmailsAsync($"Test incident {incident}"));
        using var client = app.OperatorClient();
        var listed = (await client.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative))).GetProperty("items")
            .EnumerateArray().Where(a => a.GetProperty("key").GetString()!.StartsWith(incident, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, a => Assert.Equal(["email"], a.GetProperty("channels").EnumerateArray().Select(c => c.GetString())));
    }

    [Fact]
    public async Task An_operator_wide_pause_holds_every_contributors_approved_learning_and_resume_continues_it()
    {
        var (client, _) = await app.NewContributorAsync();
        var id = (await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()))).GetProperty("id").GetString()!;
        using var operatorClient = app.OperatorClient();
        await using var turn = await OperatorPauseTurn.TakeAsync();
        try
        {
            using (var pause = await operatorClient.PostAsync(new Uri("/api/operator/uploads/pause", UriKind.Relative), null))
            {
                Assert.True((await pause.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pausedByOperator").GetBoolean());
            }

            (await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null)).EnsureSuccessStatusCode();
            // The orchestration's durable status says it waits at the pause gate before its first outward step.
            await LocalStackApp.WaitForPausedAsync(app, id, TimeSpan.FromSeconds(60));
            var held = await LocalStackApp.GetAsync(client, id);
            Assert.Equal("Approved", held.GetProperty("status").GetString());
            Assert.Empty(held.GetProperty("pins").EnumerateArray());
        }
        finally
        {
            using var resume = await operatorClient.PostAsync(new Uri("/api/operator/uploads/resume", UriKind.Relative), null);
            resume.EnsureSuccessStatusCode();
            Assert.True((await resume.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumed").GetInt32() >= 1);
        }

        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("pins").GetArrayLength() > 0, TimeSpan.FromSeconds(60));
        Assert.All(record.GetProperty("pins").EnumerateArray(), p => Assert.True(p.GetProperty("pinned").GetBoolean()));
    }

    private async Task<int> EmailsAsync(string subject)
    {
        var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return emails.EnumerateArray().Count(e =>
            e.GetProperty("subject").GetString()!.Contains(subject, StringComparison.Ordinal)
            && e.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == "operator@mining.local"));
    }
}
