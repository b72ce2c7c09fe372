using System.Numerics;
using Mining.Ipfs.Multiformats;
using Mining.Core.Merkle;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Testing;
using Nethereum.Hex.HexTypes;

namespace Mining.Contracts.Tests;

/// <summary>The Merkle batches and rewards distributions of Mining.Core, verified and claimed on the registry deployed on the dev stack's anvil.</summary>
[Collection("DevStack")]
public sealed class CoreMerkleOnAnvilTests(DevStackFixture stack) : IAsyncLifetime, IDisposable
{
    private readonly PrivateKeySigner _operator = PrivateKeySigner.CreateRandom();
    private EthRpcClient _rpc = null!;
    private TransactionManager _manager = null!;
    private LearningRegistryContract _registry = null!;
    private LearningTokenContract _token = null!;

    public async Task InitializeAsync()
    {
        _rpc = new EthRpcClient(new HttpClient(), new EthRpcOptions { Endpoint = stack.Endpoints.AnvilRpcUrl });
        await _rpc.SendRequestAsync("anvil_setBalance", null, _operator.Address.ToString(), new HexBigInteger(BigInteger.Pow(10, 20)).HexValue);
        _manager = new TransactionManager(_rpc, _operator, new InMemoryNonceStore(), new TransactionManagerOptions
        {
            ChainId = (ulong)stack.Endpoints.ChainId,
            Confirmations = 1,
            MaxFeePerGasCeiling = 1_000_000_000_000,
            PollInterval = TimeSpan.FromMilliseconds(50),
        });
        var deployment = await ContractDeployer.DeployAsync(_manager);
        _registry = new LearningRegistryContract(_rpc, deployment.Registry);
        _token = new LearningTokenContract(_rpc, deployment.Token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task Every_proof_of_a_core_batch_of_learnings_verifies_on_the_contract()
    {
        var cids = Enumerable.Range(0, 7).Select(i => RawCid([(byte)i, 0x42])).ToList();
        var leaves = cids.Select(cid => MerkleLeaves.ForLearning(cid)).ToList();
        var tree = MerkleTree.Build(leaves);
        await SendAndConfirm(_registry.Anchor(tree.Root, (uint)leaves.Count, Hash32.Zero, Hash32.Zero));

        for (var i = 0; i < cids.Count; i++)
        {
            Assert.Equal(leaves[i], await _registry.LearningLeafAsync(cids[i].ToBytes()));
            var proof = tree.GetProof(leaves[i]).ToList();
            Assert.True(await _registry.VerifyAsync(leaves[i], proof, tree.Root), $"proof of leaf {i} was rejected");
        }

        var outsider = MerkleLeaves.ForLearning(RawCid([0xff]));
        Assert.False(await _registry.VerifyAsync(outsider, tree.GetProof(leaves[0]).ToList(), tree.Root));
    }

    [Fact]
    public async Task A_core_rewards_distribution_claims_on_the_contract()
    {
        using var alice = PrivateKeySigner.CreateRandom();
        using var bob = PrivateKeySigner.CreateRandom();
        var distribution = RewardsDistribution.Build(new Dictionary<Address, BigInteger>
        {
            [alice.Address] = BigInteger.Pow(10, 19),
            [bob.Address] = 6 * BigInteger.Pow(10, 18),
            [Address.Parse("0x3535353535353535353535353535353535353535")] = 1,
        });
        await SendAndConfirm(_registry.Anchor(Hash32.Parse("0x" + new string('7', 64)), 1, Hash32.Zero, distribution.Root));

        foreach (var signer in new[] { alice, bob })
        {
            var claim = distribution.GetClaim(signer.Address);
            await SendAndConfirm(_registry.Claim(signer.Address, claim.CumulativeAmount, claim.Proof.ToList()));
            Assert.Equal(claim.CumulativeAmount, await _token.BalanceOfAsync(signer.Address));
        }
    }

    private static Cid RawCid(byte[] content) => Cid.Compute(Multicodec.Raw, content);

    private async Task SendAndConfirm(TransactionRequest request)
    {
        var sent = await _manager.SendAsync(request);
        await _manager.WaitForConfirmationAsync(sent);
    }
}
