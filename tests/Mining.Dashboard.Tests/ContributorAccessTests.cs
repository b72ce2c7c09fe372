using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mining.Testing;

namespace Mining.Dashboard.Tests;

/// <summary>
/// How a contributor gets in and manages its keys, in Debian's chromium against the service on the real local stack:
/// signing in through a single-use link emailed by the service (read from maildev's HTTP API), which answers the same for
/// an unknown address and does not work a second time; rotating and revoking keys on the keys page, with the audit trail.
/// </summary>
[Collection("DevStack")]
public sealed partial class ContributorAccessTests(DevStackFixture stack, DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly HttpClient Mail = new();

    [Fact]
    public async Task A_contributor_signs_in_through_the_emailed_link_once_and_the_link_does_not_work_a_second_time()
    {
        var address = $"link-{Guid.NewGuid():N}@mining.local";
        await CreateContributorAsync(address);
        var page = await app.NewPageAsync();

        // An address no account uses gets the very same answer.
        var unknown = await AskForLinkAsync(page, $"nobody-{Guid.NewGuid():N}@mining.local");
        var known = await AskForLinkAsync(page, address);
        Assert.Equal(unknown, known);
        Assert.Contains("If a contributor account uses that address", known, StringComparison.Ordinal);
        await DashboardApp.ScreenshotAsync(page, "signin-link-requested");

        var link = await EmailedLinkAsync(address);
        Assert.StartsWith(new Uri(app.BaseUrl, "/dashboard/signin/link/").ToString(), link, StringComparison.Ordinal);
        var opened = await page.GotoAsync(link);
        Assert.Equal((int)HttpStatusCode.OK, opened!.Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your learnings" })).ToBeVisibleAsync();
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "mining_session");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict);
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys and audit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys")).ToContainTextAsync("active");
        await DashboardApp.ScreenshotAsync(page, "signed-in-by-link");

        // The same link again, in another browser: its page says it cannot be used, and posting it signs nobody in.
        var second = await app.NewPageAsync();
        var again = await second.GotoAsync(link);
        Assert.Equal((int)HttpStatusCode.Forbidden, again!.Status);
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "This sign-in link cannot be used" })).ToBeVisibleAsync();
        var replayed = await second.Context.APIRequest.PostAsync(link, new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = app.BaseUrl.GetLeftPart(UriPartial.Authority) },
            Form = second.Context.APIRequest.CreateFormData(),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.Forbidden, replayed.Status);
        Assert.DoesNotContain(await second.Context.CookiesAsync(), c => c.Name == "mining_session");
        await DashboardApp.ScreenshotAsync(second, "signin-link-used");
        await second.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Of_several_uses_of_one_link_at_the_same_moment_exactly_one_signs_in()
    {
        var address = $"race-{Guid.NewGuid():N}@mining.local";
        await CreateContributorAsync(address);
        var origin = app.BaseUrl.GetLeftPart(UriPartial.Authority);
        using (var asked = await PostFormAsync(new Uri(app.BaseUrl, "/dashboard/signin/email"), origin, new() { ["email"] = address }))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var link = new Uri(await EmailedLinkAsync(address));
        var uses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostFormAsync(link, origin, [])));

        Assert.Single(uses, u => u.StatusCode == HttpStatusCode.Redirect && u.Headers.Contains("Set-Cookie"));
        Assert.Equal(5, uses.Count(u => u.StatusCode == HttpStatusCode.Forbidden && !u.Headers.Contains("Set-Cookie")));
        foreach (var use in uses)
        {
            use.Dispose();
        }
    }

    [Fact]
    public async Task A_link_request_from_another_site_is_refused_and_sends_nothing()
    {
        var address = $"forged-{Guid.NewGuid():N}@mining.local";
        await CreateContributorAsync(address);

        using var forged = await PostFormAsync(new Uri(app.BaseUrl, "/dashboard/signin/email"), "http://attacker.example", new() { ["email"] = address });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
        Assert.DoesNotContain(emails.EnumerateArray(), e => e.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(Uri url, string origin, Dictionary<string, string> fields)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_contributor_rotates_the_sessions_key_sees_the_new_key_once_revokes_the_old_one_and_reads_the_audit_trail()
    {
        var (key, api) = await app.NewContributorAsync();
        var page = await app.NewPageAsync();
        await DashboardApp.SignInAsync(page, key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys and audit" }).ClickAsync();
        await Assertions.Expect(page.Locator("#keys tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#keys")).ToContainTextAsync(key[..9]);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        var oldId = (await page.Locator("#keys tbody tr").First.GetAttributeAsync("id"))!["key-".Length..];

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rotate {oldId}" }).ClickAsync();
        var newKey = (await page.Locator("#new-key-value").TextContentAsync())!;
        Assert.StartsWith("mk_", newKey, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#new-key")).ToContainTextAsync("shown once");
        await DashboardApp.ScreenshotAsync(page, "key-rotated");
        using (var withNewKey = app.Client(newKey))
        {
            (await withNewKey.GetAsync(new Uri("/api/settings", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        // The session moved to the new key: revoking the old one leaves it signed in, and the old key stops.
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys and audit" }).ClickAsync();
        Assert.DoesNotContain(newKey, await page.ContentAsync(), StringComparison.Ordinal);
        var oldRow = page.Locator($"#key-{oldId}");
        await Assertions.Expect(oldRow).ToContainTextAsync("expiring");
        await oldRow.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {oldId}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Revoked");
        await Assertions.Expect(page.Locator($"#key-{oldId}")).ToContainTextAsync("revoked");
        using (var refused = await api.GetAsync(new Uri("/api/settings", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await Assertions.Expect(page.Locator("#audit tbody tr").First).ToContainTextAsync("key.revoked");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("key.rotated");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("key.created");
        await DashboardApp.ScreenshotAsync(page, "keys-and-audit");
        await page.Context.CloseAsync();
    }

    private async Task CreateContributorAsync(string address)
    {
        using var created = await app.Operator.PostAsJsonAsync(new Uri("/api/contributors", UriKind.Relative),
            new { name = "Link contributor", email = address, rewardAddress = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)) });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
    }

    /// <summary>Asks for a link on the sign-in page, by keyboard-usable form; returns the answer page's text.</summary>
    private static async Task<string> AskForLinkAsync(IPage page, string address)
    {
        await page.GotoAsync("/dashboard/signin");
        await page.GetByLabel("Email address").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        return await page.Locator("main").InnerTextAsync();
    }

    /// <summary>The sign-in link of the one email maildev holds for <paramref name="address"/> (waits for it to arrive).</summary>
    private async Task<string> EmailedLinkAsync(string address)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var emails = await Mail.GetFromJsonAsync<JsonElement>(new Uri(stack.Endpoints.MailDevApiUrl, "api/email"));
            var mine = emails.EnumerateArray()
                .Where(e => e.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address)).ToList();
            if (mine.Count > 0)
            {
                var email = Assert.Single(mine);
                return Assert.Single(Links().Matches(email.GetProperty("text").GetString()!)).Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No sign-in email reached {address}.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"https?://\S+/dashboard/signin/link/[A-Za-z0-9_-]+")]
    private static partial Regex Links();
}
