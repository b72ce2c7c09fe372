using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>Contributor controls on the real local stack: opt-in, local-only, publish later, pause and resume.</summary>
[Collection("DevStack")]
public sealed class ControlsOnTheLocalStackTests(DevStackFixture stack, ControlsOnTheLocalStackTests.CountingApp app)
    : IClassFixture<ControlsOnTheLocalStackTests.CountingApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Uploads_are_off_by_default_so_a_learning_stays_local_and_no_approval_is_asked()
    {
        var (client, _) = await app.NewContributorAsync(uploadsEnabled: false);

        var settings = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/settings", UriKind.Relative));
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));

        Assert.False(settings.GetProperty("uploadsEnabled").GetBoolean());
        Assert.Equal("LocalOnly", submitted.GetProperty("status").GetString());
        // The 202 is sent once the record is stored; a local-only learning starts no orchestration that could change it.
        var record = await LocalStackApp.GetAsync(client, submitted.GetProperty("id").GetString()!);
        Assert.Equal("LocalOnly", record.GetProperty("status").GetString());
        Assert.Null(await app.Service<Microsoft.DurableTask.Client.DurableTaskClient>().GetInstanceAsync(submitted.GetProperty("id").GetString()!));
        Assert.False(await HasEmailForAsync(submitted.GetProperty("cid").GetString()!));
        using var approve = await client.PostAsync(new Uri($"/api/learnings/{submitted.GetProperty("id").GetString()}/approve", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Equal("LocalOnly", (await LocalStackApp.GetAsync(client, submitted.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Local_only_work_sends_not_one_request_to_the_ipfs_nodes_the_gateways_or_the_chain()
    {
        var (client, _) = await app.NewContributorAsync(uploadsEnabled: true);
        using (var localOnly = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true, localOnly = true }))
        {
            localOnly.EnsureSuccessStatusCode();
        }

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var tag = Guid.NewGuid().ToString();
            app.Watch(tag);
            var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(tag));
            Assert.Equal("LocalOnly", submitted.GetProperty("status").GetString());
            app.Watch(submitted.GetProperty("cid").GetString()!);
            ids.Add(submitted.GetProperty("id").GetString()!);
        }

        using (var publish = await client.PostAsync(new Uri($"/api/learnings/{ids[0]}/publish", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        }

        // Each 202 above was sent once its record was stored, with no orchestration started: there is no later work to wait for.
        await client.GetFromJsonAsync<JsonElement>(new Uri("/api/learnings?status=LocalOnly", UriKind.Relative));
        Assert.True(app.RequestsSeen > 0, "the counting handler saw no request at all; it is not in the pipeline");
        Assert.Equal(0, app.Outbound);
    }

    [Fact]
    public async Task Turning_uploads_on_later_lets_the_contributor_publish_a_chosen_local_learning_after_its_own_approval()
    {
        var (client, _) = await app.NewContributorAsync(uploadsEnabled: false);
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;

        using (var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true }))
        {
            optIn.EnsureSuccessStatusCode();
        }

        using var publish = await client.PostAsync(new Uri($"/api/learnings/{id}/publish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, publish.StatusCode);
        Assert.Equal("AwaitingApproval", (await LocalStackApp.GetAsync(client, id)).GetProperty("status").GetString());
        Assert.NotNull(await LocalStackApp.ApprovalPathAsync(stack, submitted.GetProperty("cid").GetString()!));
    }

    [Fact]
    public async Task While_paused_an_approved_learning_takes_no_step_and_on_resume_it_continues()
    {
        var (client, _) = await app.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;
        (await client.PostAsync(new Uri("/api/uploads/pause", UriKind.Relative), null)).EnsureSuccessStatusCode();

        (await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null)).EnsureSuccessStatusCode();
        // The orchestration's durable status says it reached the pause gate before its first outward step and waits there.
        await LocalStackApp.WaitForPausedAsync(app, id, Patience);
        var paused = await LocalStackApp.GetAsync(client, id);
        Assert.Equal("Approved", paused.GetProperty("status").GetString());
        Assert.Empty(paused.GetProperty("pins").EnumerateArray());

        using var resume = await client.PostAsync(new Uri("/api/uploads/resume", UriKind.Relative), null);
        Assert.Equal(1, (await resume.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumed").GetInt32());
        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("pins").GetArrayLength() > 0, Patience);
        Assert.All(record.GetProperty("pins").EnumerateArray(), p => Assert.True(p.GetProperty("pinned").GetBoolean()));
    }

    [Fact]
    public async Task A_paused_learning_that_never_hears_the_resume_reads_the_controls_again_on_its_own_and_continues()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var id = submitted.GetProperty("id").GetString()!;
        (await client.PostAsync(new Uri("/api/uploads/pause", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await client.PostAsync(new Uri($"/api/learnings/{id}/approve", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await LocalStackApp.WaitForPausedAsync(app, id, Patience);

        // The pause ends without a "Resume" event, as when a resume missed the instance: only its own recheck can see it.
        var settings = app.Service<Mining.Functions.Settings.SettingsStore>();
        await settings.SaveAsync(contributor.Id, (await settings.GetAsync(contributor.Id, CancellationToken.None)) with { Paused = false }, CancellationToken.None);

        var record = await LocalStackApp.WaitForAsync(client, id, r => r.GetProperty("pins").GetArrayLength() > 0, Patience);
        Assert.All(record.GetProperty("pins").EnumerateArray(), p => Assert.True(p.GetProperty("pinned").GetBoolean()));
    }

    [Fact]
    public async Task The_console_channel_writes_the_request_to_a_private_outbox_file_and_sends_no_email()
    {
        var (client, _) = await app.NewContributorAsync();
        using (var console = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true, notificationChannel = "console" }))
        {
            console.EnsureSuccessStatusCode();
        }

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var (id, cid) = (submitted.GetProperty("id").GetString()!, submitted.GetProperty("cid").GetString()!);
        var file = Path.Combine(Path.GetTempPath(), "mining-outbox", id + ".txt");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(file) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.True(File.Exists(file), $"no outbox file {file}");
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Contains("/approvals/", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.False(await HasEmailForAsync(cid));
    }

    private async Task<bool> HasEmailForAsync(string cid)
    {
        using var mail = new HttpClient();
        var emails = await mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return emails.EnumerateArray().Any(e => (e.GetProperty("text").GetString() ?? string.Empty).Contains(cid, StringComparison.Ordinal));
    }

    /// <summary>
    /// The app with every outbound HTTP request (IPFS nodes, pinning services, gateways, chain) inspected: requests that
    /// carry a watched marker (a learning's CID, or the unique tag inside its bytes) in their URL or body are counted.
    /// Other tests' learnings keep running on the shared task hub, so only requests about the watched learnings count.
    /// </summary>
    public sealed class CountingApp : LocalStackApp
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<string> _markers = [];
        private int _outbound;
        private int _seen;

        public int Outbound => Volatile.Read(ref _outbound);

        public int RequestsSeen => Volatile.Read(ref _seen);

        public void Watch(string marker) => _markers.Add(marker);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Publishing:PauseRecheckInterval", "00:00:03");
            builder.ConfigureServices(services => services.ConfigureHttpClientDefaults(http =>
                http.AddHttpMessageHandler(() => new CountingHandler(this))));
        }

        internal async Task InspectAsync(HttpRequestMessage request)
        {
            Interlocked.Increment(ref _seen);
            var text = request.RequestUri?.ToString() ?? string.Empty;
            if (request.Content is not null)
            {
                await request.Content.LoadIntoBufferAsync();
                text += await request.Content.ReadAsStringAsync();
            }

            if (_markers.Any(m => text.Contains(m, StringComparison.Ordinal)))
            {
                Interlocked.Increment(ref _outbound);
            }
        }
    }

    private sealed class CountingHandler(CountingApp app) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await app.InspectAsync(request);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
