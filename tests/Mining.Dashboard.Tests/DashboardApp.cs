using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mining.Testing;

namespace Mining.Dashboard.Tests;

[CollectionDefinition("DevStack")]
public sealed class DevStackTestGroup : ICollectionFixture<DevStackFixture>;

/// <summary>
/// One instance of the service per test class, in Development on the local stack (Azurite, anvil, the Helia nodes,
/// maildev), served by Kestrel at http://localhost:PORT (also its PublicBaseUrl) in a task hub of its own, with node A's
/// RPC API behind a <see cref="FaultProxy"/> and activities retried twice a second apart, so a test can make a dead
/// letter; and one headless Debian chromium driven by Playwright.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Debian's chromium package; Playwright's own browser download cannot work here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly int _port = FreePort();
    private IPlaywright? _playwright;

    public DashboardApp() => UseKestrel(kestrel => kestrel.ListenLocalhost(_port));

    public Uri BaseUrl => new($"http://localhost:{_port}/");

    public string OperatorKey { get; } = "op_" + Guid.NewGuid().ToString("N");

    public FaultProxy Proxy { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Calls the API with the operator key.</summary>
    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var endpoints = (await DevStackFixture.Manager.UpAsync()).Endpoints;
        Proxy = FaultProxy.Start(endpoints.IpfsNodes[0].RpcUrl);
        StartServer();
        Operator = Client(OperatorKey);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        Operator.Dispose();
        await Proxy.DisposeAsync();
        await DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Operator:ApiKey", OperatorKey);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PublicBaseUrl"] = BaseUrl.ToString().TrimEnd('/'),
            ["Ipfs:Nodes:0:RpcUrl"] = Proxy.Url.ToString(),
            ["Publishing:BatchWindow"] = "00:00:08",
            ["Publishing:RetryMaxAttempts"] = "2",
            ["Publishing:RetryFirstInterval"] = "00:00:01",
            ["Publishing:RetryMaxInterval"] = "00:00:01",
            ["extensions:durableTask:hubName"] = "Dashboard" + Guid.NewGuid().ToString("N")[..12],
        }));
    }

    /// <summary>An HTTP client of the API at <see cref="BaseUrl"/> sending <paramref name="apiKey"/>.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A new contributor (made through the operator API) with uploads turned on; returns its API key and a client sending it.</summary>
    public async Task<(string ApiKey, HttpClient Client)> NewContributorAsync()
    {
        using var created = await Operator.PostAsJsonAsync(new Uri("/api/contributors", UriKind.Relative),
            new { name = "Browser contributor", email = "browser@mining.local", rewardAddress = "0x" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var key = body.GetProperty("apiKey").GetString()!;
        var client = Client(key);
        using var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true });
        optIn.EnsureSuccessStatusCode();
        return (key, client);
    }

    /// <summary>Submits the sample learning made distinct by <paramref name="tag"/> (with another body if given); returns its id and CID.</summary>
    public static async Task<(string Id, string Cid)> SubmitAsync(HttpClient client, string tag, string? learningBody = null)
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "samples", "efcore-n-plus-one.json")))!;
        sample["title"] = $"{sample["title"]} ({tag})";
        if (learningBody is not null)
        {
            sample["body"] = learningBody;
        }

        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(sample));
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri("/api/learnings", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("cid").GetString()!);
    }

    public static async Task<JsonElement> LearningAsync(HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/learnings/{id}", UriKind.Relative));

    /// <summary>Polls the learning through the API until <paramref name="done"/> holds (at most <paramref name="within"/>).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var record = await LearningAsync(client, id);
            if (done(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Learning {id} did not get there in {within}: {record}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the learning's orchestration reports, in its durable custom status, that it waits at the pause gate.</summary>
    public async Task WaitForPausedAsync(string id, TimeSpan within)
    {
        var durable = Services.GetRequiredService<DurableTaskClient>();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.SerializedCustomStatus?.Contains("\"stage\":\"Paused\"", StringComparison.Ordinal) == true)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Learning {id} did not reach the pause gate in {within}: {instance?.SerializedCustomStatus}");
            await Task.Delay(250);
        }
    }

    /// <summary>A fresh browser context (no cookies) and page at <see cref="BaseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1100, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in on the dashboard's sign-in page with <paramref name="apiKey"/>, by mouse.</summary>
    public static async Task SignInAsync(IPage page, string apiKey)
    {
        await page.GotoAsync("/dashboard");
        Assert.EndsWith("/dashboard/signin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.GetByLabel("API key").FillAsync(apiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Saves a full-page screenshot under TestResults/dashboard (the results directory of .ci/run) and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(RepositoryRoot(), "TestResults", "dashboard", name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
        return path;
    }

    public static string RepositoryRoot() => RepositoryFiles.Root;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
