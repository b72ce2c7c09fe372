using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Mining.Functions.Contributors;
using Mining.Functions.Storage;
using Mining.Functions.Tests.Publishing;
using Mining.Testing;

namespace Mining.Functions.Tests.Contributors;

/// <summary>API key rotation, revocation, listing and the audit trail, on the local stack's Azurite.</summary>
[Collection("DevStack")]
public sealed class KeysOnTheLocalStackTests(DevStackFixture stack, LocalStackApp app) : IClassFixture<LocalStackApp>
{
    [Fact]
    public async Task A_rotated_key_keeps_working_through_its_grace_period_beside_the_new_key_shown_once()
    {
        Assert.NotNull(stack.Endpoints);
        var (client, _) = await app.NewContributorAsync();
        var old = KeyOf(client);

        var rotated = await RotateAsync(client, "{\"gracePeriod\":\"01:00:00\"}");
        var fresh = rotated.GetProperty("apiKey").GetString()!;
        using var withNew = WithKey(fresh);
        var list = await withNew.GetFromJsonAsync<JsonElement>(new Uri("/api/keys", UriKind.Relative));
        var listed = list.GetProperty("items").EnumerateArray().ToList();

        Assert.StartsWith("mk_", fresh, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/api/settings"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(withNew, "/api/settings"));
        Assert.Equal(2, listed.Count);
        var previous = listed.Single(k => k.GetProperty("key").GetProperty("id").GetString() == rotated.GetProperty("previousKey").GetProperty("id").GetString());
        Assert.Equal("expiring", previous.GetProperty("key").GetProperty("state").GetString());
        var expires = previous.GetProperty("key").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.True(listed.Single(k => k.GetProperty("current").GetBoolean()).GetProperty("key").GetProperty("state").GetString() == "active");
        Assert.Equal(old[..9], previous.GetProperty("key").GetProperty("prefix").GetString());
        Assert.DoesNotContain(old, list.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fresh, list.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotation_with_no_grace_period_stops_the_old_key_at_once()
    {
        var (client, _) = await app.NewContributorAsync();

        var rotated = await RotateAsync(client, "{\"gracePeriod\":\"00:00:00\"}");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/settings"));
        using var withNew = WithKey(rotated.GetProperty("apiKey").GetString()!);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(withNew, "/api/settings"));
    }

    [Fact]
    public async Task A_key_in_its_grace_period_stops_when_the_period_ends()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var old = KeyOf(client);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tables = new SecurityTables(app.Service<AppStorage>());
        var audit = new AuditTrail(tables, time);
        var store = new ContributorStore(app.Service<AppStorage>(), tables, audit, time);
        var keys = new ContributorKeys(store, tables, audit, time);

        var rotated = await keys.RotateAsync((await store.FindGrantAsync(old, CancellationToken.None))!, TimeSpan.FromMinutes(30), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(29));
        var during = await store.FindGrantAsync(old, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await store.FindGrantAsync(old, CancellationToken.None);

        Assert.NotNull(rotated);
        Assert.Equal(contributor.Id, during?.Contributor.Id);
        Assert.Null(after);
        Assert.Equal(contributor.Id, (await store.FindGrantAsync(rotated.Value.ApiKey, CancellationToken.None))?.Contributor.Id);
        Assert.Equal("expired", (await keys.ListAsync(contributor.Id, CancellationToken.None)).Single(k => k.Id == rotated.Value.Previous.Id).State);
        Assert.Null(await new ContributorStore(app.Service<AppStorage>(), tables, audit, time).FindGrantAsync(old, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_key_gets_401_while_the_others_keep_working_and_the_audit_trail_shows_each_change()
    {
        var (client, _) = await app.NewContributorAsync();
        var rotated = await RotateAsync(client, null);
        using var withNew = WithKey(rotated.GetProperty("apiKey").GetString()!);
        var oldId = rotated.GetProperty("previousKey").GetProperty("id").GetString();

        using var revoke = await withNew.DeleteAsync(new Uri($"/api/keys/{oldId}", UriKind.Relative));
        using var again = await withNew.DeleteAsync(new Uri($"/api/keys/{oldId}", UriKind.Relative));
        var audit = await withNew.GetFromJsonAsync<JsonElement>(new Uri("/api/audit", UriKind.Relative));
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/settings"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(withNew, "/api/settings"));
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyRevoked").GetBoolean());
        Assert.Equal(["key.revoked", "key.rotated", "key.created"], actions);
        Assert.Equal(1, actions.Count(a => a == "key.revoked"));
    }

    [Fact]
    public async Task A_contributor_can_revoke_its_current_key_and_is_then_refused()
    {
        var (client, _) = await app.NewContributorAsync();
        var keys = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/keys", UriKind.Relative));
        var current = keys.GetProperty("items")[0].GetProperty("key").GetProperty("id").GetString();

        using var revoke = await client.DeleteAsync(new Uri($"/api/keys/{current}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/learnings"));
    }

    [Fact]
    public async Task A_contributor_cannot_revoke_or_see_another_contributors_keys()
    {
        var (owner, _) = await app.NewContributorAsync();
        var (intruder, _) = await app.NewContributorAsync();
        var ownerKeys = await owner.GetFromJsonAsync<JsonElement>(new Uri("/api/keys", UriKind.Relative));
        var ownerKeyId = ownerKeys.GetProperty("items")[0].GetProperty("key").GetProperty("id").GetString();

        using var revoke = await intruder.DeleteAsync(new Uri($"/api/keys/{ownerKeyId}", UriKind.Relative));
        var intruderKeys = await intruder.GetFromJsonAsync<JsonElement>(new Uri("/api/keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.DoesNotContain(ownerKeyId!, intruderKeys.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(owner, "/api/settings"));
    }

    [Fact]
    public async Task The_operator_revokes_any_contributors_key_with_a_reason_the_contributor_reads_in_its_audit_trail()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var rotated = await RotateAsync(client, null);
        using var withNew = WithKey(rotated.GetProperty("apiKey").GetString()!);
        using var operatorClient = app.OperatorClient();
        var listed = await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"/api/contributors/{contributor.Id}/keys", UriKind.Relative));
        var oldId = rotated.GetProperty("previousKey").GetProperty("id").GetString();

        using var revoke = await operatorClient.SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/contributors/{contributor.Id}/keys/{oldId}", UriKind.Relative))
        {
            Content = new StringContent("{\"reason\":\"found in a public repository\"}", Encoding.UTF8, "application/json"),
        });
        var audit = await withNew.GetFromJsonAsync<JsonElement>(new Uri("/api/audit", UriKind.Relative));
        var entry = audit.GetProperty("items")[0];

        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/settings"));
        Assert.Equal("key.revoked", entry.GetProperty("action").GetString());
        Assert.Equal("operator", entry.GetProperty("actor").GetString());
        Assert.Contains("found in a public repository", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var withContributorKey = await withNew.DeleteAsync(new Uri($"/api/contributors/{contributor.Id}/keys/{oldId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, withContributorKey.StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_digests()
    {
        var (client, contributor) = await app.NewContributorAsync();
        var rotated = await RotateAsync(client, null);
        var keys = new[] { KeyOf(client), rotated.GetProperty("apiKey").GetString()! };
        var storage = app.Service<AppStorage>();
        var stored = new StringBuilder();
        foreach (var table in new[] { AppStorage.ApiKeysTable, SecurityTables.KeysTable, SecurityTables.AuditTable })
        {
            await foreach (var row in storage.Table(table).QueryAsync<TableEntity>())
            {
                stored.Append(row.PartitionKey).Append(row.RowKey).AppendJoin(';', row.Select(p => p.Value));
            }
        }

        Assert.Contains(contributor.Id, stored.ToString(), StringComparison.Ordinal);
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key[3..], stored.ToString(), StringComparison.Ordinal);
            Assert.Contains(ApiKeys.Hash(key), stored.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rotation_stops_at_the_limit_of_working_keys()
    {
        var (client, _) = await app.NewContributorAsync();
        HttpStatusCode last = default;
        for (var i = 0; i < ContributorKeys.MaxWorkingKeys; i++)
        {
            using var response = await client.PostAsync(new Uri("/api/keys/rotate", UriKind.Relative), null);
            last = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Conflict, last);
    }

    private static string KeyOf(HttpClient client) => client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();

    private HttpClient WithKey(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<JsonElement> RotateAsync(HttpClient client, string? body)
    {
        using var response = await client.PostAsync(new Uri("/api/keys/rotate", UriKind.Relative),
            body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, answer.ToString());
        return answer;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
