using System.Numerics;
using Mining.Contracts.Tests.Support;
using Mining.Ethereum;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Testing;
using Nethereum.ABI;
using Nethereum.Util;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Contracts.Tests;

/// <summary>The registry and token deployed on the dev stack's anvil, each test from its own freshly funded key.</summary>
[Collection("DevStack")]
public sealed class LearningRegistryOnAnvilTests(DevStackFixture stack) : IAsyncLifetime, IDisposable
{
    private readonly PrivateKeySigner _operator = PrivateKeySigner.CreateRandom();
    private EthRpcClient _rpc = null!;
    private TransactionManager _manager = null!;
    private LearningDeployment _deployment = null!;
    private LearningRegistryContract _registry = null!;
    private LearningTokenContract _token = null!;

    public async Task InitializeAsync()
    {
        _rpc = new EthRpcClient(new HttpClient(), new EthRpcOptions { Endpoint = stack.Endpoints.AnvilRpcUrl });
        await Fund(_operator.Address);
        _manager = ManagerFor(_operator);
        _deployment = await ContractDeployer.DeployAsync(_manager);
        _registry = new LearningRegistryContract(_rpc, _deployment.Registry);
        _token = new LearningTokenContract(_rpc, _deployment.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task Deployment_makes_the_registry_the_only_minter_and_the_deployer_admin_and_operator()
    {
        Assert.Equal(_deployment.Registry, await _token.MinterAsync());
        Assert.True(await _registry.HasRoleAsync(LearningRegistryContract.AdminRole, _operator.Address));
        Assert.True(await _registry.HasRoleAsync(LearningRegistryContract.OperatorRole, _operator.Address));
        Assert.Equal("LEARN", await _token.SymbolAsync());
        Assert.Equal((ulong)stack.Endpoints.ChainId, _deployment.ChainId);
    }

    [Fact]
    public async Task The_development_deployment_grants_extra_operators_and_returns_a_usable_registry()
    {
        using var deployer = PrivateKeySigner.CreateRandom();
        using var second = PrivateKeySigner.CreateRandom();
        await Fund(deployer.Address);

        var deployment = await ContractDeployer.DeployForDevelopmentAsync(_rpc, deployer, new DeploymentOptions { Operators = [deployer.Address, second.Address], TokenSymbol = "TLRN" });

        var registry = new LearningRegistryContract(_rpc, deployment.Registry);
        Assert.True(await registry.HasRoleAsync(LearningRegistryContract.OperatorRole, second.Address));
        Assert.Equal(deployment.Token, await registry.TokenAsync());
        Assert.Equal("TLRN", await new LearningTokenContract(_rpc, deployment.Token).SymbolAsync());
        Assert.Equal(0UL, await registry.BatchCountAsync());
    }

    [Fact]
    public async Task Anchoring_records_the_batch_and_emits_the_event_with_every_field()
    {
        var root = Word("root-1");
        var manifest = Word("manifest-1");
        var rewards = Word("rewards-1");

        var receipt = await SendAndConfirm(_registry.Anchor(root, 1000, manifest, rewards));

        var anchored = Assert.Single(receipt.Logs.ConvertToFilterLog().Select(LearningRegistryContract.TryDecodeBatchAnchored).OfType<BatchAnchoredEvent>());
        Assert.Equal(1UL, anchored.BatchId);
        Assert.Equal(root, anchored.Root);
        Assert.Equal(1000U, anchored.LeafCount);
        Assert.Equal(manifest, anchored.ManifestDigest);
        Assert.Equal(rewards, anchored.RewardsRoot);
        Assert.True(await _registry.IsAnchoredAsync(root));
        Assert.False(await _registry.IsAnchoredAsync(Word("never anchored")));
        var batch = await _registry.GetBatchAsync(root);
        Assert.Equal(new BatchRecord(1, 1000, (ulong)receipt.BlockNumber.Value, batch!.Timestamp), batch);
        Assert.Equal(rewards, await _registry.RewardsRootAsync());
        var fromLogs = await _registry.GetBatchAnchoredEventsAsync(new BlockParameter(receipt.BlockNumber), BlockParameter.CreateLatest());
        Assert.Equal(anchored, Assert.Single(fromLogs));
    }

    [Fact]
    public async Task A_learning_proof_verifies_on_chain_against_an_anchored_root_and_a_tampered_one_does_not()
    {
        var cids = new[] { "bafkreia", "bafkreib", "bafkreic", "bafkreid" }.Select(c => System.Text.Encoding.ASCII.GetBytes(c)).ToArray();
        var leaves = cids.Select(LearningLeaf).ToArray();
        Assert.Equal(leaves[0], await _registry.LearningLeafAsync(cids[0]));
        var left = Node(leaves[0], leaves[1]);
        var right = Node(leaves[2], leaves[3]);
        var root = Node(left, right);

        Assert.False(await _registry.VerifyAsync(leaves[0], [leaves[1], right], root));
        await SendAndConfirm(_registry.Anchor(root, 4, Word("manifest"), Hash32.Zero));

        Assert.True(await _registry.VerifyAsync(leaves[0], [leaves[1], right], root));
        Assert.True(await _registry.VerifyAsync(leaves[3], [leaves[2], left], root));
        Assert.False(await _registry.VerifyAsync(LearningLeaf("bafkreiz"u8.ToArray()), [leaves[1], right], root));
        Assert.False(await _registry.VerifyAsync(leaves[0], [leaves[2], left], root));
    }

    [Fact]
    public async Task A_claim_against_an_openzeppelin_tree_mints_once_and_a_repeat_mints_nothing_more()
    {
        using var alice = PrivateKeySigner.CreateRandom();
        using var bob = PrivateKeySigner.CreateRandom();
        var tree = OpenZeppelinRewardsTree.Build((alice.Address, 100), (bob.Address, 50), (Address.Parse("0x3535353535353535353535353535353535353535"), 7));
        var expectedLeaf = Keccak(Keccak(new ABIEncode().GetABIEncoded(new ABIValue("address", alice.Address.ToString()), new ABIValue("uint256", new BigInteger(100)))));
        Assert.Equal(expectedLeaf, await _registry.RewardLeafAsync(alice.Address, 100));
        await SendAndConfirm(_registry.Anchor(Word("batch"), 3, Word("manifest"), tree.Root));

        var receipt = await SendAndConfirm(_registry.Claim(alice.Address, 100, tree.Proofs[0]));

        Assert.Equal(new BigInteger(100), await _token.BalanceOfAsync(alice.Address));
        var claimed = Assert.Single(receipt.Logs.ConvertToFilterLog().Select(LearningRegistryContract.TryDecodeClaimed).OfType<ClaimedEvent>());
        Assert.Equal(new ClaimedEvent(alice.Address, 100, 100, TxHash.Parse(receipt.TransactionHash), (ulong)receipt.BlockNumber.Value), claimed);

        var repeat = await Assert.ThrowsAsync<ExecutionRevertedException>(() => _manager.SendAsync(_registry.Claim(alice.Address, 100, tree.Proofs[0])));
        Assert.Equal("NothingToClaim", repeat.Reason.Name);
        Assert.Equal(new BigInteger(100), await _token.BalanceOfAsync(alice.Address));
    }

    [Fact]
    public async Task A_later_rewards_root_lets_one_claim_collect_the_difference_across_batches()
    {
        using var alice = PrivateKeySigner.CreateRandom();
        var first = OpenZeppelinRewardsTree.Build((alice.Address, 100), (_operator.Address, 1));
        await SendAndConfirm(_registry.Anchor(Word("batch-1"), 1, Word("m1"), first.Root));
        await SendAndConfirm(_registry.Claim(alice.Address, 100, first.Proofs[0]));

        var second = OpenZeppelinRewardsTree.Build((alice.Address, 250), (_operator.Address, 1));
        await SendAndConfirm(_registry.Anchor(Word("batch-2"), 1, Word("m2"), Hash32.Zero));
        await SendAndConfirm(_registry.Anchor(Word("batch-3"), 1, Word("m3"), second.Root));
        await SendAndConfirm(_registry.Claim(alice.Address, 250, second.Proofs[0]));

        Assert.Equal(new BigInteger(250), await _token.BalanceOfAsync(alice.Address));
        Assert.Equal(new BigInteger(250), await _registry.ClaimedAsync(alice.Address));
        Assert.Equal(new BigInteger(250), await _token.TotalSupplyAsync());
    }

    [Fact]
    public async Task A_forged_proof_reverts_with_the_decoded_custom_error()
    {
        using var alice = PrivateKeySigner.CreateRandom();
        var tree = OpenZeppelinRewardsTree.Build((alice.Address, 100), (_operator.Address, 1));
        await SendAndConfirm(_registry.Anchor(Word("batch"), 2, Word("manifest"), tree.Root));

        var forged = await Assert.ThrowsAsync<ExecutionRevertedException>(() => _manager.SendAsync(_registry.Claim(alice.Address, 1_000_000, tree.Proofs[0])));

        Assert.Equal(RevertKind.Custom, forged.Reason.Kind);
        Assert.Equal("InvalidProof", forged.Reason.Name);
        Assert.Equal(alice.Address, forged.Reason.Arguments[0]);
        Assert.Equal(new BigInteger(1_000_000), forged.Reason.Arguments[1]);
        Assert.Equal(BigInteger.Zero, await _token.BalanceOfAsync(alice.Address));
    }

    [Fact]
    public async Task Only_operators_anchor_only_once_per_root_and_only_the_registry_mints()
    {
        using var stranger = PrivateKeySigner.CreateRandom();
        await Fund(stranger.Address);
        var strangerManager = ManagerFor(stranger);

        var notOperator = await Assert.ThrowsAsync<ExecutionRevertedException>(() => strangerManager.SendAsync(_registry.Anchor(Word("x"), 1, Word("m"), Hash32.Zero)));
        Assert.Equal("AccessControlUnauthorizedAccount", notOperator.Reason.Name);

        await SendAndConfirm(_registry.Anchor(Word("once"), 1, Word("m"), Hash32.Zero));
        var twice = await Assert.ThrowsAsync<ExecutionRevertedException>(() => _manager.SendAsync(_registry.Anchor(Word("once"), 1, Word("m"), Hash32.Zero)));
        Assert.Equal("AlreadyAnchored", twice.Reason.Name);

        var mint = await Assert.ThrowsAsync<ExecutionRevertedException>(() => _manager.SendAsync(_token.Mint(_operator.Address, 1)));
        Assert.Equal("NotMinter", mint.Reason.Name);
    }

    [Fact]
    public async Task Anchor_and_claim_stay_within_their_gas_budgets()
    {
        using var alice = PrivateKeySigner.CreateRandom();
        using var bob = PrivateKeySigner.CreateRandom();
        var tree = OpenZeppelinRewardsTree.Build((alice.Address, 100), (bob.Address, 50), (_operator.Address, 1), (Address.Parse("0x3535353535353535353535353535353535353535"), 9));
        await SendAndConfirm(_registry.Anchor(Word("warm-up"), 1, Word("m0"), tree.Root));
        await SendAndConfirm(_registry.Claim(bob.Address, 50, tree.Proofs[1]));

        var anchor = await SendAndConfirm(_registry.Anchor(Word("steady"), 1000, Word("m1"), tree.Root));
        var claim = await SendAndConfirm(_registry.Claim(alice.Address, 100, tree.Proofs[0]));

        Assert.True(anchor.GasUsed.Value <= 75_000, $"anchor used {anchor.GasUsed.Value} gas");
        Assert.True(claim.GasUsed.Value <= 90_000, $"claim used {claim.GasUsed.Value} gas");
    }

    private static Hash32 Word(string text) => Keccak(System.Text.Encoding.UTF8.GetBytes(text));

    private static Hash32 LearningLeaf(byte[] cid) => Keccak(Keccak(new ABIEncode().GetABIEncoded(new ABIValue("bytes", cid))));

    private static Hash32 Keccak(byte[] data) => new(Sha3Keccack.Current.CalculateHash(data));

    private static Hash32 Keccak(Hash32 word) => Keccak(word.ToByteArray());

    private static Hash32 Node(Hash32 a, Hash32 b)
    {
        var (low, high) = string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
        return Keccak([.. low.ToByteArray(), .. high.ToByteArray()]);
    }

    private TransactionManager ManagerFor(ISigner signer) => new(_rpc, signer, new InMemoryNonceStore(), new TransactionManagerOptions
    {
        ChainId = (ulong)stack.Endpoints.ChainId,
        Confirmations = 1,
        MaxFeePerGasCeiling = 1_000_000_000_000,
        PollInterval = TimeSpan.FromMilliseconds(50),
    });

    private async Task Fund(Address account) =>
        await _rpc.SendRequestAsync("anvil_setBalance", null, account.ToString(), new HexBigInteger(BigInteger.Pow(10, 20)).HexValue);

    private async Task<TransactionReceipt> SendAndConfirm(TransactionRequest request)
    {
        var sent = await _manager.SendAsync(request);
        var (_, receipt) = await _manager.WaitForConfirmationAsync(sent);
        return receipt;
    }
}
