using System.Numerics;
using System.Text;
using System.Text.Json;
using Mining.Core.Merkle;
using Mining.Core.Preparation;
using Mining.Ethereum;
using Mining.Testing;

namespace Mining.Core.Tests.Merkle;

public sealed class MerkleTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(101)]
    public void Learning_roots_leaves_and_proofs_match_OpenZeppelin_StandardMerkleTree(int count)
    {
        var cids = Enumerable.Range(0, count).Select(i => ContentPreparer.ComputeCid(Encoding.UTF8.GetBytes($"learning {i}"))).ToList();
        var tree = MerkleTree.Build(cids.Select(MerkleLeaves.ForLearning));

        var input = JsonSerializer.Serialize(new
        {
            encoding = new[] { "bytes" },
            values = cids.Select(c => new[] { "0x" + Convert.ToHexStringLower(c.ToBytes()) }),
        });
        var reference = JsonDocument.Parse(StackNode.Check("merkle.mjs", input)).RootElement;

        Assert.Equal(reference.GetProperty("root").GetString(), tree.Root.ToString());
        var leaves = reference.GetProperty("leaves").EnumerateArray().Select(e => e.GetString()).ToList();
        var proofs = reference.GetProperty("proofs").EnumerateArray().Select(p => p.EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(leaves[i], tree.Leaves[i].ToString());
            Assert.Equal(proofs[i], tree.GetProof(tree.Leaves[i]).Select(p => p.ToString()).ToList());
        }
    }

    [Fact]
    public void Reward_leaves_and_root_match_OpenZeppelin_StandardMerkleTree()
    {
        var entries = new (string Account, BigInteger Amount)[]
        {
            ("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", BigInteger.Parse("12500000000000000000", System.Globalization.CultureInfo.InvariantCulture)),
            ("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", BigInteger.One),
            ("0x90F79bf6EB2c4f870365E785982E1f101E93b906", BigInteger.Zero),
            ("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", BigInteger.Pow(2, 256) - 1),
        };
        var tree = MerkleTree.Build(entries.Select(e => MerkleLeaves.ForReward(Address.Parse(e.Account), e.Amount)));

        var input = JsonSerializer.Serialize(new
        {
            encoding = new[] { "address", "uint256" },
            values = entries.Select(e => new[] { e.Account, e.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        });
        var reference = JsonDocument.Parse(StackNode.Check("merkle.mjs", input)).RootElement;

        Assert.Equal(reference.GetProperty("root").GetString(), tree.Root.ToString());
        Assert.Equal(
            reference.GetProperty("leaves").EnumerateArray().Select(e => e.GetString()!).ToList(),
            tree.Leaves.Select(l => l.ToString()).ToList());

        var distribution = RewardsDistribution.Build(entries.Select(e => KeyValuePair.Create(Address.Parse(e.Account), e.Amount)));
        var proofs = reference.GetProperty("proofs").EnumerateArray().Select(p => p.EnumerateArray().Select(e => e.GetString()!).ToList()).ToList();
        for (var i = 0; i < entries.Length; i++)
        {
            var claim = distribution.GetClaim(Address.Parse(entries[i].Account.ToLowerInvariant()));
            Assert.True(claim.Verify());
            Assert.Equal(proofs[i], claim.Proof.Select(p => p.ToString()).ToList());
            Assert.Equal(reference.GetProperty("root").GetString(), claim.Root.ToString());
        }
    }

    [Fact]
    public void A_claim_for_more_than_the_cumulative_amount_does_not_verify()
    {
        var distribution = RewardsDistribution.Build(
        [
            KeyValuePair.Create(Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), new BigInteger(5)),
            KeyValuePair.Create(Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), new BigInteger(7)),
        ]);

        var claim = distribution.GetClaim(Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));

        Assert.True(claim.Verify());
        Assert.False((claim with { CumulativeAmount = 6 }).Verify());
        Assert.Throws<KeyNotFoundException>(() => distribution.GetClaim(Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906")));
    }

    [Fact]
    public void Every_proof_verifies_and_a_tampered_proof_does_not()
    {
        var leaves = Enumerable.Range(0, 9).Select(i => MerkleLeaves.ForLearning(ContentPreparer.ComputeCid([(byte)i]))).ToList();
        var tree = MerkleTree.Build(leaves);

        foreach (var leaf in leaves)
        {
            var proof = tree.GetProof(leaf).ToList();
            Assert.True(MerkleTree.Verify(tree.Root, leaf, proof));

            var tampered = proof.ToArray();
            var bytes = tampered[0].ToByteArray();
            bytes[31] ^= 1;
            tampered[0] = new Hash32(bytes);
            Assert.False(MerkleTree.Verify(tree.Root, leaf, tampered));
        }
    }

    [Fact]
    public void A_single_leaf_is_its_own_root_with_an_empty_proof()
    {
        var leaf = MerkleLeaves.ForLearning(ContentPreparer.ComputeCid("only"u8));
        var tree = MerkleTree.Build([leaf]);

        Assert.Equal(leaf, tree.Root);
        Assert.Empty(tree.GetProof(leaf));
    }

    [Fact]
    public void Duplicate_leaves_are_refused_with_a_message_that_says_what_to_do()
    {
        var leaf = MerkleLeaves.ForLearning(ContentPreparer.ComputeCid("twice"u8));

        var error = Assert.Throws<ArgumentException>(() => MerkleTree.Build([leaf, leaf]));
        Assert.Contains("remove duplicates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_leaf_outside_the_tree_has_no_proof()
    {
        var tree = MerkleTree.Build([MerkleLeaves.ForLearning(ContentPreparer.ComputeCid("in"u8))]);

        Assert.Throws<KeyNotFoundException>(() => tree.GetProof(MerkleLeaves.ForLearning(ContentPreparer.ComputeCid("out"u8))));
    }
}
