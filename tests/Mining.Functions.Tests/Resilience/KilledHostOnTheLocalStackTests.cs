using Mining.Testing;
using static Mining.Functions.Tests.Resilience.HostsOnAPrivateChain;

namespace Mining.Functions.Tests.Resilience;

/// <summary>
/// The local host as a real process, killed with SIGKILL in the middle of the pipeline and started again on the same
/// storage, task hub and operator keystore, on the real local stack (Azurite, both Helia nodes, maildev) with a private
/// anvil whose mining the test controls. Each test kills at a point it reads from durable state (the learnings' status,
/// the operator's transactions in anvil's pool), never after a sleep; after the restart every learning must end rewarded,
/// anchored once, with no nonce gap and a ledger that matches the chain (<see cref="HostsOnAPrivateChain.AssertSettledAsync"/>).
/// </summary>
[Collection("DevStack")]
public sealed class KilledHostOnTheLocalStackTests(DevStackFixture stack)
{
    private const int Learnings = 4;

    [Fact]
    public async Task A_host_killed_while_learnings_are_pinning_rewards_each_of_them_once_after_a_restart()
    {
        await using var hosts = await CreateAsync(stack, "KillPinning");
        // Node B's pinning API is down, so the learnings stay in their pin step (retrying) until the restart.
        await using var pinning = FaultProxy.Start(stack.Endpoints.IpfsNodes[1].PinningUrl);
        pinning.Set(FaultMode.Down);
        OneBatchOf(hosts);
        hosts.Settings["Ipfs:PinningServices:0:Url"] = pinning.Url.ToString();
        var first = await hosts.StartHostAsync("first");

        var learnings = await hosts.SubmitAndApproveAsync(Learnings, contributors: 1, first);
        await WaitForAllAsync(first, learnings, r => Status(r) == "Pinning", "Pinning");
        await first.KillAsync();
        pinning.Set(FaultMode.Pass);
        var restarted = await hosts.StartHostAsync("restarted");

        await hosts.AssertSettledAsync(restarted, learnings);
    }

    [Fact]
    public async Task A_host_killed_while_the_anchor_transaction_is_pending_rewards_each_learning_once_after_a_restart()
    {
        await using var hosts = await CreateAsync(stack, "KillPending");
        OneBatchOf(hosts);
        var first = await hosts.StartHostAsync("first");
        await hosts.Anvil.StopMiningAsync();

        var learnings = await hosts.SubmitAndApproveAsync(Learnings, contributors: 1, first);
        await WaitForAllAsync(first, learnings, r => Status(r) == "Anchoring", "Anchoring");
        await WaitForAsync(
            async () => await hosts.Anvil.TransactionCountAsync(hosts.Operator.ToString(), "pending") > await hosts.Anvil.TransactionCountAsync(hosts.Operator.ToString()),
            "the anchor transaction in anvil's pool", first);
        await first.KillAsync();
        Assert.Empty(await hosts.AnchorsAsync());
        var restarted = await hosts.StartHostAsync("restarted");
        await hosts.Anvil.ResumeMiningAsync();

        await hosts.AssertSettledAsync(restarted, learnings);
    }

    [Fact]
    public async Task A_host_killed_while_the_batch_waits_for_confirmations_rewards_each_learning_once_after_a_restart()
    {
        await using var hosts = await CreateAsync(stack, "KillConfirming");
        OneBatchOf(hosts);
        var first = await hosts.StartHostAsync("first");
        // A block per transaction and no other: the anchor stays at one of its two confirmations until the restart.
        await hosts.Anvil.MineOnlyTransactionsAsync();

        var learnings = await hosts.SubmitAndApproveAsync(Learnings, contributors: 1, first);
        await WaitForAllAsync(first, learnings, r => Status(r) == "Confirming", "Confirming");
        await first.KillAsync();
        Assert.Single(await hosts.AnchorsAsync());
        var restarted = await hosts.StartHostAsync("restarted");
        await hosts.Anvil.ResumeMiningAsync();

        await hosts.AssertSettledAsync(restarted, learnings);
    }

    /// <summary>The test's learnings go into one batch: it closes when it holds all of them (the window is a fallback).</summary>
    private static void OneBatchOf(HostsOnAPrivateChain hosts)
    {
        hosts.Settings["Publishing:BatchSize"] = Learnings.ToString(System.Globalization.CultureInfo.InvariantCulture);
        hosts.Settings["Publishing:BatchWindow"] = "00:00:30";
    }

    private static async Task WaitForAsync(Func<Task<bool>> probe, string what, LocalHostProcess host)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < deadline, $"No {what} within {Patience}.\n{host.Tail()}");
            await Task.Delay(200);
        }
    }
}
