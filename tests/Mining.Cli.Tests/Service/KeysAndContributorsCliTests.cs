using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Mining.Cli.Tests.Support;

namespace Mining.Cli.Tests.Service;

/// <summary>
/// The built <c>mining</c> CLI against the service on the real local stack (<see cref="LocalService"/>): the operator
/// creates a contributor and revokes its keys with a reason; the contributor lists, rotates (the key saved by
/// <c>mining login</c> follows the rotation) and revokes its keys, reads its audit trail and rotates its webhook secret.
/// Each key and secret appears only in the output that shows it once.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class KeysAndContributorsCliTests(LocalService service) : IClassFixture<LocalService>, IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("mining-cli-keys-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_rotation_replaces_the_saved_key_the_old_key_stops_and_a_revoked_key_is_refused_and_the_audit_lists_each_change()
    {
        var operatorCli = service.Operator(Home("operator"));
        var created = await operatorCli.RunAsync(null, "contributors", "create", "--name", "Key owner", "--email", "keys@mining.local", "--reward-address", RandomAddress());
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("shown once", created.Output, StringComparison.Ordinal);
        var first = Assert.Single(ApiKeys().Matches(created.Output)).Value;

        var mining = new MiningProcess(Home("contributor"));
        mining.Environment["MINING_URL"] = service.Url.ToString();
        mining.Environment["FIRST_KEY"] = first;
        var login = await mining.RunAsync(null, "login", "--url", service.Url.ToString(), "--api-key-env", "FIRST_KEY", "--store", "file");
        Assert.True(login.ExitCode == 0, login.ToString());
        var listed = await mining.RunAsync(null, "keys", "list");
        var listedJson = (await mining.RunAsync(null, "keys", "list", "--json")).Json;
        var firstListing = Assert.Single(listedJson.GetProperty("items").EnumerateArray());
        Assert.True(firstListing.GetProperty("current").GetBoolean());
        Assert.Equal(first[..9], firstListing.GetProperty("key").GetProperty("prefix").GetString());
        Assert.Contains("(this key)", listed.Output, StringComparison.Ordinal);

        var rotated = await mining.RunAsync(null, "keys", "rotate", "--grace-period", "00:00:00");

        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.Contains("shown once", rotated.Output, StringComparison.Ordinal);
        var second = Assert.Single(ApiKeys().Matches(rotated.Output)).Value;
        Assert.NotEqual(first, second);
        Assert.Contains("now holds the new key", rotated.Output, StringComparison.Ordinal);
        Assert.Equal(second, await File.ReadAllTextAsync(Path.Combine(Home("contributor"), ".mining", "api-key")));
        Assert.Equal(10, (await WithKey(first).RunAsync(null, "list")).ExitCode);
        var withSavedKey = await mining.RunAsync(null, "list");
        Assert.True(withSavedKey.ExitCode == 0, withSavedKey.ToString());

        // A rotation with the default grace period: the key it came from keeps working until it is revoked.
        var third = (await mining.RunAsync(null, "keys", "rotate", "--json")).Json;
        var secondId = third.GetProperty("previousKey").GetProperty("id").GetString()!;
        Assert.True(third.GetProperty("savedLoginUpdated").GetBoolean());
        Assert.Equal("expiring", third.GetProperty("previousKey").GetProperty("state").GetString());
        Assert.Equal(0, (await WithKey(second).RunAsync(null, "list")).ExitCode);

        var declined = await mining.RunAsync("n\n", "keys", "revoke", secondId);
        Assert.True(declined.ExitCode == 9, declined.ToString());
        Assert.Equal(0, (await WithKey(second).RunAsync(null, "list")).ExitCode);
        var revoked = await mining.RunAsync(null, "keys", "revoke", secondId, "--yes");
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Contains($"Revoked {secondId}", revoked.Output, StringComparison.Ordinal);
        var refused = await WithKey(second).RunAsync(null, "list");
        Assert.Equal(10, refused.ExitCode);
        Assert.Equal(0, (await mining.RunAsync(null, "list")).ExitCode);

        var audit = await mining.RunAsync(null, "audit", "--json");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var actions = audit.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["key.revoked", "key.rotated", "key.rotated", "key.created"], actions);
        var auditText = await mining.RunAsync(null, "audit");
        Assert.Contains($"Key {secondId} was revoked by the contributor", auditText.Output, StringComparison.Ordinal);

        var keys = (await mining.RunAsync(null, "keys", "list", "--json")).Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["active", "revoked", "expired"], keys.Select(k => k.GetProperty("key").GetProperty("state").GetString()));
        Assert.DoesNotContain(first, string.Concat(login, listed, withSavedKey, declined, revoked, refused, auditText), StringComparison.Ordinal);
        Assert.DoesNotContain(second, string.Concat(listed, declined, revoked, refused, auditText), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_revokes_a_contributors_key_with_a_reason_that_its_audit_trail_shows()
    {
        var operatorCli = service.Operator(Home("operator"));
        var created = (await operatorCli.RunAsync(null, "contributors", "create", "--name", "Revoked", "--email", "revoked@mining.local", "--reward-address", RandomAddress(), "--json")).Json;
        var contributorId = created.GetProperty("contributor").GetProperty("id").GetString()!;
        var first = created.GetProperty("apiKey").GetString()!;
        var second = (await WithKey(first).RunAsync(null, "keys", "rotate", "--json")).Json.GetProperty("apiKey").GetString()!;

        var keys = await operatorCli.RunAsync(null, "contributors", "keys", contributorId, "--json");
        Assert.True(keys.ExitCode == 0, keys.ToString());
        var firstId = keys.Json.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("prefix").GetString() == first[..9]).GetProperty("id").GetString()!;
        var declined = await operatorCli.RunAsync("no\n", "contributors", "revoke-key", contributorId, firstId, "--reason", "laptop lost");
        Assert.True(declined.ExitCode == 9, declined.ToString());
        Assert.Equal(0, (await WithKey(first).RunAsync(null, "list")).ExitCode);
        var missingReason = await operatorCli.RunAsync(null, "contributors", "revoke-key", contributorId, firstId, "--yes");
        Assert.Equal(2, missingReason.ExitCode);

        var revoked = await operatorCli.RunAsync("y\n", "contributors", "revoke-key", contributorId, firstId, "--reason", "laptop lost");

        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(10, (await WithKey(first).RunAsync(null, "list")).ExitCode);
        var audit = (await WithKey(second).RunAsync(null, "audit", "--json")).Json.GetProperty("items")[0];
        Assert.Equal("key.revoked", audit.GetProperty("action").GetString());
        Assert.Equal("operator", audit.GetProperty("actor").GetString());
        Assert.EndsWith("laptop lost", audit.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await operatorCli.RunAsync(null, "contributors", "keys", "ctb_0000000000000000");
        Assert.Equal(5, unknown.ExitCode);
        Assert.StartsWith("error: GET /api/contributors/ctb_0000000000000000/keys: 404", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_webhook_secret_is_shown_once_and_recorded_in_the_audit_trail()
    {
        var contributor = await service.NewContributorAsync(Home("webhook"));
        var badGrace = await contributor.Mining.RunAsync(null, "webhook-secret", "rotate", "--grace-period", "soon");
        Assert.Equal(2, badGrace.ExitCode);

        var made = await contributor.Mining.RunAsync(null, "webhook-secret", "rotate");
        var again = await contributor.Mining.RunAsync(null, "webhook-secret", "rotate", "--grace-period", "00:10:00", "--json");

        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Contains("shown once", made.Output, StringComparison.Ordinal);
        var secret = made.Output.Split('\n')[1].Trim();
        Assert.True(secret.Length >= 32, made.Output);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.NotEqual(secret, again.Json.GetProperty("webhookSigningSecret").GetString());
        Assert.True(again.Json.GetProperty("previousSecretSignsUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        var audit = await contributor.Mining.RunAsync(null, "audit");
        Assert.Equal(2, Regex.Count(audit.Output, "webhook.secret-rotated"));
        Assert.DoesNotContain(secret, audit.Output + audit.Error, StringComparison.Ordinal);
    }

    /// <summary>A HOME of its own (created: without it the CLI would find no home folder).</summary>
    private string Home(string name) => Directory.CreateDirectory(Path.Combine(_root.FullName, name)).FullName;

    private MiningProcess WithKey(string key)
    {
        var mining = new MiningProcess(Home("by-key"));
        mining.Environment["MINING_URL"] = service.Url.ToString();
        mining.Environment["MINING_API_KEY"] = key;
        return mining;
    }

    private static string RandomAddress() => "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    [GeneratedRegex(@"\bmk_[A-Za-z0-9_-]{20,}")]
    private static partial Regex ApiKeys();
}
