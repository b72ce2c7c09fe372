using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Mining.DevStack;
using Mining.Ethereum;
using Mining.Ethereum.Signing;
using Mining.Functions.Chain;
using Mining.Functions.Contributors;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Development;

/// <summary>
/// <c>--demo</c>: submits the sample learnings as the development contributor, approves each through its approval
/// page (the link taken from the maildev inbox, the decision POSTed like the page's button), prints every learning's
/// progress until all are rewarded, then stops the app with exit code 0 (1 when they are not all rewarded in time).
/// </summary>
internal sealed partial class DemoRunner(
    IServer server,
    IHostApplicationLifetime lifetime,
    DevStackEndpoints stack,
    ServiceStateStore state,
    ChainService chain,
    ContributorStore contributors,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<DemoRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static int ExitCode { get; private set; } = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            ExitCode = await RunAsync(stoppingToken) ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
        {
            Console.Error.WriteLine($"Demo failed: {e.Message}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.SetResult());
        await started.Task.WaitAsync(cancellationToken);
        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var api = new HttpClient { BaseAddress = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)) };
        var (apiKey, walletKey) = await ContributorAsync(cancellationToken);
        api.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using var mail = new HttpClient { BaseAddress = stack.MailDevApiUrl };

        using (var optIn = await api.PutAsJsonAsync(new Uri("/api/settings", UriKind.Relative), new { uploadsEnabled = true }, cancellationToken))
        {
            optIn.EnsureSuccessStatusCode();
            Console.WriteLine("Opted in to uploads (PUT /api/settings); every learning still needs its own approval.");
        }

        var samples = Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs", "samples"), "*.json").Order().ToList();
        var learnings = new List<(string Id, string Cid)>();
        foreach (var sample in samples)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(sample, cancellationToken));
            content.Headers.ContentType = new("application/json");
            using var response = await api.PostAsync(new Uri("/api/learnings", UriKind.Relative), content, cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"Submitting {Path.GetFileName(sample)} failed: {(int)response.StatusCode} {body}");
                return false;
            }

            var id = body.GetProperty("id").GetString()!;
            var cid = body.GetProperty("cid").GetString()!;
            learnings.Add((id, cid));
            Console.WriteLine($"Submitted {Path.GetFileName(sample)} as {id} (CID {cid})");
        }

        var approved = new HashSet<string>();
        var deadline = DateTimeOffset.UtcNow + Deadline;
        var last = new Dictionary<string, string>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            foreach (var (id, cid) in learnings)
            {
                var record = await api.GetFromJsonAsync<JsonElement>(new Uri($"/api/learnings/{id}", UriKind.Relative), cancellationToken);
                var status = record.GetProperty("status").GetString()!;
                if (status == "AwaitingApproval" && !approved.Contains(id) && await ApproveAsync(mail, api, id, cid, cancellationToken))
                {
                    approved.Add(id);
                }

                if (last.GetValueOrDefault(id) != status)
                {
                    last[id] = status;
                    var anchor = record.TryGetProperty("anchor", out var a) && a.ValueKind == JsonValueKind.Object ? $" batch {a.GetProperty("batchId").GetString()}" : string.Empty;
                    Console.WriteLine($"{id}: {status}{anchor}");
                }
            }

            if (last.Values.All(s => s == "Rewarded") && last.Count == learnings.Count)
            {
                var rewards = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative), cancellationToken);
                Console.WriteLine($"All {learnings.Count} learnings are confirmed and rewarded. Rewards: {rewards}");
                return await ClaimAsync(api, rewards, walletKey, cancellationToken);
            }

            if (last.Values.Any(s => s is "Failed" or "Rejected" or "Expired" or "DeadLettered"))
            {
                Console.Error.WriteLine("A learning did not reach Rewarded; see its status above.");
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        Console.Error.WriteLine($"Not every learning was rewarded within {Deadline.TotalMinutes} minutes.");
        return false;
    }

    /// <summary>
    /// Claims the contributor's rewards with its own wallet (gas from anvil's first development account) using the claim
    /// data the API returned, then checks the token balance grew by the claimed amount.
    /// </summary>
    private async Task<bool> ClaimAsync(HttpClient api, JsonElement rewards, string walletKey, CancellationToken cancellationToken)
    {
        if (rewards.GetProperty("claim") is not { ValueKind: JsonValueKind.Object } claim)
        {
            Console.WriteLine("Nothing to claim: every reward of this contributor was claimed already.");
            return true;
        }

        var ready = await chain.ReadyAsync();
        using var wallet = PrivateKeySigner.FromHex(walletKey);
        await AnvilFunding.FundAsync(chain, wallet.Address, logger, cancellationToken);
        var manager = chain.ManagerFor(wallet);
        var request = ready.Registry.Claim(
            Address.Parse(claim.GetProperty("account").GetString()!),
            BigInteger.Parse(claim.GetProperty("cumulativeAmount").GetString()!, CultureInfo.InvariantCulture),
            [.. claim.GetProperty("proof").EnumerateArray().Select(p => Hash32.Parse(p.GetString()!))]);
        var sent = await manager.SendAsync(request, cancellationToken);
        var (_, receipt) = await manager.WaitForConfirmationAsync(sent, cancellationToken: cancellationToken);
        var after = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/rewards", UriKind.Relative), cancellationToken);
        var balance = BigInteger.Parse(after.GetProperty("tokenBalance").GetString()!, CultureInfo.InvariantCulture);
        var expected = BigInteger.Parse(rewards.GetProperty("tokenBalance").GetString()!, CultureInfo.InvariantCulture)
            + BigInteger.Parse(rewards.GetProperty("claimable").GetString()!, CultureInfo.InvariantCulture);
        Console.WriteLine($"Claimed with the contributor's wallet in transaction {receipt.TransactionHash} (block {receipt.BlockNumber.Value}); token balance {balance}.");
        return balance == expected;
    }

    /// <summary>
    /// The development contributor, or with <c>Demo__FreshContributor</c> true a new contributor with a new wallet, so
    /// every run takes the samples through the whole journey (the tests use this).
    /// </summary>
    private async Task<(string ApiKey, string WalletKey)> ContributorAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Demo:FreshContributor", false))
        {
            return ((await state.GetAsync(DevContributor.ApiKeyState, cancellationToken))!, (await state.GetAsync(DevContributor.WalletState, cancellationToken))!);
        }

        var walletKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var wallet = PrivateKeySigner.FromHex(walletKey);
        var (contributor, apiKey) = await contributors.CreateAsync("Demo contributor", "demo@mining.local", wallet.Address.ToString(), cancellationToken);
        Console.WriteLine($"Demo contributor {contributor.Id} (reward address {contributor.RewardAddress})");
        return (apiKey, walletKey);
    }

    /// <summary>Finds the approval email for the CID in maildev, opens the link and posts "approve" as the page's form does.</summary>
    private static async Task<bool> ApproveAsync(HttpClient mail, HttpClient api, string id, string cid, CancellationToken cancellationToken)
    {
        var emails = await mail.GetFromJsonAsync<JsonElement>(new Uri("api/email", UriKind.Relative), cancellationToken);
        foreach (var email in emails.EnumerateArray())
        {
            var text = email.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            if (!text.Contains(cid, StringComparison.Ordinal) || ApprovalLink().Match(text) is not { Success: true } link)
            {
                continue;
            }

            var url = new Uri(link.Value);
            using var page = await api.GetAsync(url, cancellationToken);
            if (!page.IsSuccessStatusCode || !(await page.Content.ReadAsStringAsync(cancellationToken)).Contains(cid, StringComparison.Ordinal))
            {
                continue;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["cid"] = cid });
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
            request.Headers.Add("Origin", url.GetLeftPart(UriPartial.Authority));
            using var decision = await api.SendAsync(request, cancellationToken);
            Console.WriteLine($"{id}: approved through its approval page ({(int)decision.StatusCode})");
            return decision.IsSuccessStatusCode;
        }

        return false;
    }

    private string RepositoryRoot() =>
        Path.GetFullPath(Path.Combine(DevStackOptions.ForRepository(environment.ContentRootPath).InfraDirectory, "..", ".."));

    [GeneratedRegex(@"https?://\S+/approvals/[A-Za-z0-9_.\-]+")]
    private static partial Regex ApprovalLink();
}
