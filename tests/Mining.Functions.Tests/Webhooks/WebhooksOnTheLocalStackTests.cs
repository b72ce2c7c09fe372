using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mining.Functions.Settings;
using Mining.Functions.Tests.Publishing;
using Mining.Functions.Webhooks;
using Mining.Testing;

namespace Mining.Functions.Tests.Webhooks;

/// <summary>
/// Contributor webhooks on the real local stack (Azurite, the IPFS nodes, maildev): refused addresses at
/// <c>PUT /api/settings</c> and again at delivery, signed deliveries to a receiver on loopback, and the fall back to email.
/// </summary>
[Collection("DevStack")]
public sealed class WebhooksOnTheLocalStackTests(DevStackFixture stack, WebhookApp app) : IClassFixture<WebhookApp>
{
    private static readonly HttpClient Mail = new();

    [Theory]
    [MemberData(nameof(WebhookUrlPolicyTests.Refused), MemberType = typeof(WebhookUrlPolicyTests))]
    public async Task Put_settings_refuses_every_non_public_webhook_url_with_a_422_naming_the_rule_and_stores_nothing(string url, string rule)
    {
        var (client, _) = await app.NewContributorAsync();

        using var response = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative),
            new { uploadsEnabled = true, notificationChannel = "webhook", webhookUrl = url });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        var stored = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/settings", UriKind.Relative));
        Assert.Equal("email", stored.GetProperty("notificationChannel").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("webhookUrl").ValueKind);
    }

    [Fact]
    public async Task Put_settings_refuses_a_name_that_resolves_to_the_metadata_address()
    {
        app.Resolver.Answer("metadata.mining-hooks.test", IPAddress.Parse("169.254.169.254"));
        var (client, _) = await app.NewContributorAsync();

        using var response = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative),
            new { notificationChannel = "webhook", webhookUrl = "https://metadata.mining-hooks.test/latest/meta-data/" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("link-local", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task An_accepted_webhook_gets_a_body_whose_signature_verifies_and_whose_replay_outside_the_window_fails()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, _) = await app.NewContributorAsync();
        var secret = await UseWebhookAsync(client, receiver.Url());

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var received = await receiver.NextAsync();

        var signature = received.Headers[WebhookSignature.Header];
        Assert.True(WebhookSignature.Verify(secret, signature, received.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(secret, signature, received.Body, DateTimeOffset.UtcNow.AddMinutes(6), WebhookSignature.DefaultTolerance));
        Assert.Equal("approval.requested", received.Headers["X-Mining-Event"]);
        Assert.StartsWith("dlv_", received.Headers["X-Mining-Delivery"], StringComparison.Ordinal);
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(submitted.GetProperty("id").GetString(), body.GetProperty("learningId").GetString());
        Assert.Equal(submitted.GetProperty("cid").GetString(), body.GetProperty("cid").GetString());
        var record = await LocalStackApp.WaitForAsync(client, submitted.GetProperty("id").GetString()!,
            r => r.TryGetProperty("webhook", out var w) && w.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30));
        Assert.Equal("delivered", record.GetProperty("webhook").GetProperty("outcome").GetString());
        Assert.False(record.GetProperty("webhook").GetProperty("fellBackToEmail").GetBoolean());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_only_at_delivery_is_refused_at_connect_time_and_the_request_goes_by_email()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        var host = $"rebind-{Guid.NewGuid():N}.mining-hooks.test";
        app.Resolver.Answer(host, IPAddress.Parse("93.184.216.34"));
        app.Resolver.Answer(host, IPAddress.Parse("127.0.0.2"));
        var (client, _) = await app.NewContributorAsync();
        await UseWebhookAsync(client, new Uri($"http://{host}:{receiver.Port}/hook"));

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var webhook = await WebhookOutcomeAsync(client, submitted);

        Assert.Equal("refused", webhook.GetProperty("outcome").GetString());
        Assert.Equal("loopback", webhook.GetProperty("rule").GetString());
        Assert.True(webhook.GetProperty("fellBackToEmail").GetBoolean());
        Assert.Contains("your webhook was not used", await EmailTextAsync(submitted.GetProperty("cid").GetString()!), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
        Assert.Equal("AwaitingApproval", (await LocalStackApp.GetAsync(client, submitted.GetProperty("id").GetString()!)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stored_localhost_url_from_before_the_rules_is_refused_at_delivery_without_a_connection()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, contributor) = await app.NewContributorAsync();
        await UseWebhookAsync(client, receiver.Url());
        var settings = app.Service<SettingsStore>();
        var current = await settings.GetAsync(contributor.Id, CancellationToken.None);
        await settings.SaveAsync(contributor.Id, current with { WebhookUrl = new Uri($"http://localhost:{receiver.Port}/hook") }, CancellationToken.None);

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var webhook = await WebhookOutcomeAsync(client, submitted);

        Assert.Equal("refused", webhook.GetProperty("outcome").GetString());
        Assert.Equal("loopback", webhook.GetProperty("rule").GetString());
        await EmailTextAsync(submitted.GetProperty("cid").GetString()!);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_not_followed_and_the_request_goes_by_email()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Mode = "redirect:http://10.0.0.5:8080/x";
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, _) = await app.NewContributorAsync();
        await UseWebhookAsync(client, receiver.Url());

        var submitted = await LocalStackApp.SubmitAsync(client, LocalStackApp.Learning(Guid.NewGuid().ToString()));
        var webhook = await WebhookOutcomeAsync(client, submitted);

        Assert.Equal("failed", webhook.GetProperty("outcome").GetString());
        Assert.Equal("redirect", webhook.GetProperty("rule").GetString());
        Assert.Equal(302, webhook.GetProperty("status").GetInt32());
        Assert.Contains("redirect", await EmailTextAsync(submitted.GetProperty("cid").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_listener_is_not_followed()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        await using var target = await LocalReceiver.StartAsync();
        app.Allowance.AllowLoopbackPort(receiver.Port);
        app.Allowance.AllowLoopbackPort(target.Port);
        receiver.Mode = "redirect:" + target.Url("landed");
        var (client, contributor) = await app.NewContributorAsync();
        await UseWebhookAsync(client, receiver.Url());

        var outcome = await app.Service<WebhookDelivery>().DeliverAsync(contributor.Id, "lrn_test", receiver.Url(), "test", "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("redirect", outcome.Rule);
        Assert.Single(receiver.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_fails_the_delivery_at_the_time_limit()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Mode = "hang";
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, contributor) = await app.NewContributorAsync();
        await UseWebhookAsync(client, receiver.Url());

        var outcome = await app.Service<WebhookDelivery>().DeliverAsync(contributor.Id, "lrn_test", receiver.Url(), "test", "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("failed", outcome.Outcome);
        Assert.Equal("time-limit", outcome.Rule);
    }

    [Fact]
    public async Task An_endless_answer_is_read_only_up_to_the_limit()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        receiver.Mode = "endless";
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, contributor) = await app.NewContributorAsync();
        await UseWebhookAsync(client, receiver.Url());

        var outcome = await app.Service<WebhookDelivery>().DeliverAsync(contributor.Id, "lrn_test", receiver.Url(), "test", "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal("delivered", outcome.Outcome);
    }

    [Fact]
    public async Task A_rotated_signing_secret_signs_beside_the_new_one_for_its_grace_period()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, contributor) = await app.NewContributorAsync();
        var first = await UseWebhookAsync(client, receiver.Url());

        using var rotate = await client.PostAsync(new Uri("/api/settings/webhook-secret", UriKind.Relative),
            new StringContent("{\"gracePeriod\":\"01:00:00\"}", Encoding.UTF8, "application/json"));
        var rotated = await rotate.Content.ReadFromJsonAsync<JsonElement>();
        var second = rotated.GetProperty("webhookSigningSecret").GetString()!;
        await app.Service<WebhookDelivery>().DeliverAsync(contributor.Id, "lrn_test", receiver.Url(), "test", "{}"u8.ToArray(), CancellationToken.None);
        var received = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        Assert.NotEqual(first, second);
        Assert.True(WebhookSignature.Verify(second, received.Headers[WebhookSignature.Header], received.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(first, received.Headers[WebhookSignature.Header], received.Body, DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        var audit = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/audit", UriKind.Relative));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "webhook.secret-rotated");
    }

    [Fact]
    public async Task The_signing_secret_is_shown_once_and_stored_only_encrypted()
    {
        await using var receiver = await LocalReceiver.StartAsync();
        app.Allowance.AllowLoopbackPort(receiver.Port);
        var (client, contributor) = await app.NewContributorAsync();
        var secret = await UseWebhookAsync(client, receiver.Url());

        using var again = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative),
            new { uploadsEnabled = true, notificationChannel = "webhook", webhookUrl = receiver.Url("other") });
        var answer = await again.Content.ReadAsStringAsync();
        var settings = await client.GetStringAsync(new Uri("/api/settings", UriKind.Relative));
        var rows = new StringBuilder();
        await foreach (var row in app.Service<Mining.Functions.Storage.AppStorage>().Table(Mining.Functions.Storage.AppStorage.SettingsTable)
            .QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == contributor.Id))
        {
            rows.AppendJoin(';', row.Select(p => p.Value));
        }

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain("whsec_", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", settings, StringComparison.Ordinal);
        Assert.Contains("v1.", rows.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, rows.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], rows.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Sets the webhook channel through the API; returns the signing secret shown with the first URL.</summary>
    private static async Task<string> UseWebhookAsync(HttpClient client, Uri url)
    {
        using var response = await client.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative),
            new { uploadsEnabled = true, notificationChannel = "webhook", webhookUrl = url });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("webhookSigningSecret").GetString()!;
    }

    private static async Task<JsonElement> WebhookOutcomeAsync(HttpClient client, JsonElement submitted) =>
        (await LocalStackApp.WaitForAsync(client, submitted.GetProperty("id").GetString()!,
            r => r.TryGetProperty("webhook", out var w) && w.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60))).GetProperty("webhook");

    /// <summary>The text of the approval email for <paramref name="cid"/> in maildev (waits for it).</summary>
    private async Task<string> EmailTextAsync(string cid)
    {
        await LocalStackApp.ApprovalPathAsync(stack, cid);
        var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        return emails.EnumerateArray().Select(e => e.GetProperty("text").GetString() ?? string.Empty).Single(t => t.Contains(cid, StringComparison.Ordinal));
    }
}
