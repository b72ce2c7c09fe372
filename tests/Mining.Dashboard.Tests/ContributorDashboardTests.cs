using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Mining.Testing;

namespace Mining.Dashboard.Tests;

/// <summary>
/// The contributor's dashboard in Debian's chromium against the service on the real local stack: signing in with the API
/// key, reading and approving a learning, following it to Rewarded, the controls as switches, keyboard-only use, and
/// the refusal of cross-site and token-less POSTs.
/// </summary>
[Collection("DevStack")]
public sealed class ContributorDashboardTests(DevStackFixture stack, DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_contributor_signs_in_approves_a_learning_on_the_page_sees_it_rewarded_and_turns_on_local_only()
    {
        Assert.NotEmpty(stack.Endpoints.IpfsNodes);
        var (key, api) = await app.NewContributorAsync();
        var (id, cid) = await DashboardApp.SubmitAsync(api, "browser approval");
        var page = await app.NewPageAsync();

        await DashboardApp.SignInAsync(page, key);
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "mining_session");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict, "The session cookie must be HttpOnly, Secure and SameSite=Strict.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your learnings" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("browser approval") }).ClickAsync();
        await Assertions.Expect(page.Locator("#cid")).ToHaveTextAsync(cid);
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "AwaitingApproval");
        // Rendered for reading: the body's headings and code blocks, beside the exact bytes (collapsed) under the same CID.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Symptom" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("pre.code code").First).ToContainTextAsync("SELECT");
        await Assertions.Expect(page.Locator("#document")).ToBeHiddenAsync();
        await page.GetByText("Show the").ClickAsync();
        await Assertions.Expect(page.Locator("#document")).ToContainTextAsync("\"schemaVersion\":1");

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Approved");

        await DashboardApp.WaitForAsync(api, id, r => Status(r) is "Rewarded" or "Failed" or "DeadLettered", Patience);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "Rewarded");
        await Assertions.Expect(page.Locator("#transaction")).ToContainTextAsync("0x");
        await Assertions.Expect(page.Locator("#gateways a")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Link, new() { Name = "Rewards" }).ClickAsync();
        await Assertions.Expect(page.Locator("svg#chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#claim")).ToContainTextAsync("Cumulative amount");
        await DashboardApp.ScreenshotAsync(page, "contributor-rewards");

        await page.GetByRole(AriaRole.Link, new() { Name = "Learnings" }).ClickAsync();
        var localOnly = page.GetByRole(AriaRole.Switch, new() { Name = "Local-only" });
        await Assertions.Expect(localOnly).ToHaveAttributeAsync("aria-checked", "false");
        await localOnly.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Local-only" })).ToHaveAttributeAsync("aria-checked", "true");
        var settings = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/settings", UriKind.Relative));
        Assert.True(settings.GetProperty("localOnly").GetBoolean());
        Assert.True(settings.GetProperty("uploadsEnabled").GetBoolean());
        await DashboardApp.ScreenshotAsync(page, "contributor-learnings");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_learning_can_be_approved_with_the_keyboard_alone()
    {
        var (key, api) = await app.NewContributorAsync();
        var (id, _) = await DashboardApp.SubmitAsync(api, "keyboard approval");
        var page = await app.NewPageAsync();
        await page.GotoAsync("/dashboard/signin");

        await TabToAsync(page, "input", string.Empty, alreadyThere: true);
        await page.Keyboard.TypeAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your learnings" })).ToBeVisibleAsync();

        await TabToAsync(page, "a", "keyboard approval");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#status")).ToHaveAttributeAsync("data-status", "AwaitingApproval");
        await TabToAsync(page, "button", "Approve and publish");
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await DashboardApp.ScreenshotAsync(page, "keyboard-focus-on-approve");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Approved");
        var learning = await DashboardApp.LearningAsync(api, id);
        Assert.NotEqual("AwaitingApproval", Status(learning));
        await DashboardApp.ScreenshotAsync(page, "keyboard-approved");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_forged_cross_site_post_is_refused_and_changes_nothing()
    {
        var (key, api) = await app.NewContributorAsync();
        var page = await app.NewPageAsync();
        await DashboardApp.SignInAsync(page, key);
        await Assertions.Expect(page.GetByRole(AriaRole.Switch, new() { Name = "Pause uploads" })).ToHaveAttributeAsync("aria-checked", "false");
        var target = new Uri(app.BaseUrl, "/dashboard/controls");

        // Another site's page posts a form to the dashboard in the signed-in browser.
        await page.Context.RouteAsync("http://attacker.example/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"<!doctype html><form method=post action=\"{target}\"><input type=hidden name=control value=paused>"
                + "<input type=hidden name=value value=true><button>Win a prize</button></form>",
        }));
        await page.GotoAsync("http://attacker.example/");
        var forged = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Win a prize" }).ClickAsync(), target.ToString());
        Assert.Equal((int)HttpStatusCode.Forbidden, forged.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request refused" })).ToBeVisibleAsync();
        await DashboardApp.ScreenshotAsync(page, "forged-post-refused");

        // With the session cookie but another Origin, or this origin without the form's token: refused too.
        var token = await SessionFormTokenAsync(page);
        var otherOrigin = await page.Context.APIRequest.PostAsync(target.ToString(), new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = "http://attacker.example" },
            Form = Form(page, token),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.Forbidden, otherOrigin.Status);
        var noToken = await page.Context.APIRequest.PostAsync(target.ToString(), new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = app.BaseUrl.GetLeftPart(UriPartial.Authority) },
            Form = Form(page, null),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.Forbidden, noToken.Status);

        var settings = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/settings", UriKind.Relative));
        Assert.False(settings.GetProperty("paused").GetBoolean());

        // The same request from the dashboard's own page, with its token, works.
        var own = await page.Context.APIRequest.PostAsync(target.ToString(), new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = app.BaseUrl.GetLeftPart(UriPartial.Authority) },
            Form = Form(page, token),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.Redirect, own.Status);
        settings = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/settings", UriKind.Relative));
        Assert.True(settings.GetProperty("paused").GetBoolean());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Html_in_a_learning_is_shown_as_text_and_never_runs()
    {
        var (key, api) = await app.NewContributorAsync();
        const string body = "## Markup in a learning\n\nA body may quote <script>document.title='owned'</script> or "
            + "<img src=x onerror=\"document.title='owned'\"> when it explains an XSS bug; **both** stay `text`.\n\n"
            + "```html\n<iframe src=\"https://example.org\"></iframe>\n```\n\nThe page shows every character of them as written, and nothing of them runs or loads.";
        await DashboardApp.SubmitAsync(api, "markup", body);
        var page = await app.NewPageAsync();
        await DashboardApp.SignInAsync(page, key);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new("markup") }).ClickAsync();

        var rendered = page.Locator("article.learning .body");
        await Assertions.Expect(rendered.GetByRole(AriaRole.Heading, new() { Name = "Markup in a learning" })).ToBeVisibleAsync();
        await Assertions.Expect(rendered).ToContainTextAsync("<script>document.title='owned'</script>");
        await Assertions.Expect(rendered).ToContainTextAsync("<img src=x onerror=");
        await Assertions.Expect(rendered.Locator("pre.code code")).ToHaveTextAsync("<iframe src=\"https://example.org\"></iframe>");
        await Assertions.Expect(rendered.Locator("strong")).ToHaveTextAsync("both");
        Assert.Equal(0, await page.Locator("main script, main img, main iframe").CountAsync());
        Assert.NotEqual("owned", await page.TitleAsync());
        await DashboardApp.ScreenshotAsync(page, "markup-as-text");
        await page.Context.CloseAsync();
    }

    private static IFormData Form(IPage page, string? token)
    {
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("control", "paused");
        form.Set("value", "true");
        if (token is not null)
        {
            form.Set("_csrf", token);
        }

        return form;
    }

    private static async Task<string> SessionFormTokenAsync(IPage page)
    {
        await page.GotoAsync("/dashboard");
        return (await page.Locator("input[name=_csrf]").First.GetAttributeAsync("value"))!;
    }

    /// <summary>
    /// Presses Tab until the focused element is a <paramref name="tag"/> whose text contains <paramref name="text"/>
    /// (first looking at the element focused already, when <paramref name="alreadyThere"/>).
    /// </summary>
    private static async Task TabToAsync(IPage page, string tag, string text, bool alreadyThere = false)
    {
        for (var i = 0; i < 60; i++)
        {
            if (!alreadyThere || i > 0)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            var focused = await page.EvaluateAsync<string>("() => document.activeElement.tagName.toLowerCase() + '|' + document.activeElement.textContent");
            if (focused.StartsWith(tag + "|", StringComparison.Ordinal) && focused.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached a {tag} with '{text}'.");
    }

    private static string? Status(JsonElement learning) => learning.GetProperty("status").GetString();
}
