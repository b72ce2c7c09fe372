using Mining.Testing;

namespace Mining.Functions.Tests;

[CollectionDefinition("DevStack")]
public sealed class DevStackTestGroup : ICollectionFixture<DevStackFixture>;

/// <summary>
/// The whole journey on the real local stack (Azurite, anvil, both Helia nodes, maildev), through the app's own
/// <c>--demo</c>: submit → approval email in maildev → the page shows the exact CID → approve by POST → pinned on
/// node A and node B's pinning API → verified on both gateways → anchored in one batch → confirmed → rewarded →
/// claimed with the contributor's wallet, the token balance grown by the claimable amount.
/// </summary>
[Collection("DevStack")]
public sealed class JourneyOnTheLocalStackTests(DevStackFixture stack)
{
    [Fact]
    public async Task Sample_learnings_go_from_submission_to_a_claimed_reward()
    {
        Assert.Equal(2, stack.Endpoints.IpfsNodes.Count);
        await using var demo = LocalHostProcess.Start(
            new Dictionary<string, string> { ["Publishing:BatchWindow"] = "00:00:05", ["Demo:FreshContributor"] = "true" },
            "demo",
            ["--demo"]);
        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromMinutes(8));
        var text = demo.Output;

        Assert.True(exitCode == 0, $"exit {exitCode}\n{text}");
        Assert.Contains("approved through its approval page (200)", text, StringComparison.Ordinal);
        Assert.Contains("All 4 learnings are confirmed and rewarded.", text, StringComparison.Ordinal);
        Assert.Matches("Claimed with the contributor.s wallet in transaction 0x[0-9a-f]{64}", text);
    }
}
