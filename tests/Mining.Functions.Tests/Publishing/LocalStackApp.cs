using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Mining.Ethereum.Signing;
using Mining.Functions.Contributors;
using Mining.Testing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// The app in process, in Development, on the shared local stack (Azurite, anvil, the Helia nodes, maildev), with a
/// short approval timeout. Helpers create contributors, submit distinct learnings and read approval emails from maildev.
/// </summary>
public partial class LocalStackApp : WebApplicationFactory<Program>
{
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromSeconds(10);

    private static readonly HttpClient Mail = new();

    /// <summary>This app's operator API key (setting <c>Operator:ApiKey</c>).</summary>
    public string OperatorKey { get; } = "op_" + Guid.NewGuid().ToString("N");

    /// <summary>A client that sends the operator key.</summary>
    public HttpClient OperatorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Operator:ApiKey", OperatorKey);
        builder.UseSetting("Publishing:ApprovalTimeout", ApprovalTimeout.ToString());
        builder.UseSetting("Publishing:BatchWindow", "00:00:03");
        // A task hub of its own: hosts on one hub share its work, and other test hosts run with other settings.
        builder.UseSetting("extensions:durableTask:hubName", "Tests" + Guid.NewGuid().ToString("N")[..12]);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new contributor with its own wallet (uploads opted in unless told otherwise); returns a client that sends its API key.</summary>
    public async Task<(HttpClient Client, Contributor Contributor)> NewContributorAsync(bool uploadsEnabled = true)
    {
        using var wallet = PrivateKeySigner.CreateRandom();
        var (contributor, key) = await Service<ContributorStore>().CreateAsync("Test contributor", "test@mining.local", wallet.Address.ToString(), CancellationToken.None);
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        if (uploadsEnabled)
        {
            using var optIn = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true });
            optIn.EnsureSuccessStatusCode();
        }

        return (client, contributor);
    }

    /// <summary>A sample learning made distinct by <paramref name="tag"/>, as UTF-8 JSON.</summary>
    public static byte[] Learning(string tag)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "samples", "efcore-n-plus-one.json")))!;
        sample["title"] = $"{sample["title"]} ({tag})";
        return JsonSerializer.SerializeToUtf8Bytes(sample);
    }

    public static async Task<JsonElement> SubmitAsync(HttpClient client, byte[] learning, int expectedStatus = 202)
    {
        using var content = new ByteArrayContent(learning);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(new Uri("/api/learnings", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True((int)response.StatusCode == expectedStatus, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/learnings/{id}", UriKind.Relative));

    /// <summary>Polls the learning until <paramref name="done"/> holds (at most <paramref name="within"/>).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var record = await GetAsync(client, id);
            if (done(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Learning {id} did not get there in {within}: {record}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the learning's orchestration reports, in its durable custom status, that it waits at the pause gate.</summary>
    public static async Task WaitForPausedAsync(LocalStackApp app, string id, TimeSpan within)
    {
        var client = app.Service<Microsoft.DurableTask.Client.DurableTaskClient>();
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            if (instance?.ReadCustomStatusAs<Mining.Functions.Learnings.PublishStatus>() is { Stage: "Paused" })
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Learning {id} did not reach the pause gate in {within}: {instance?.SerializedCustomStatus}");
            await Task.Delay(250);
        }
    }

    /// <summary>The path of the approval link mailed for <paramref name="cid"/> (waits for the email).</summary>
    public static async Task<string> ApprovalPathAsync(DevStackFixture stack, string cid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
            foreach (var email in emails.EnumerateArray())
            {
                var text = email.GetProperty("text").GetString() ?? string.Empty;
                if (text.Contains(cid, StringComparison.Ordinal) && Link().Match(text) is { Success: true } link)
                {
                    return new Uri(link.Value).AbsolutePath;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"No approval email for {cid} reached maildev.");
    }

    public static string RepositoryRoot() => RepositoryFiles.Root;

    [GeneratedRegex(@"https?://\S+/approvals/[A-Za-z0-9_.\-]+")]
    private static partial Regex Link();
}
