using System.Text;
using Mining.Core.Merkle;
using Mining.Core.Preparation;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Core.Tests.Merkle;

public sealed class BatchManifestTests
{
    private static readonly Address Contract = Address.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static readonly DateTimeOffset Created = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    private static List<Cid> SomeCids(int count) =>
        Enumerable.Range(0, count).Select(i => ContentPreparer.ComputeCid(Encoding.UTF8.GetBytes($"doc {i}"))).ToList();

    [Fact]
    public void A_manifest_round_trips_through_its_canonical_json_with_the_same_digest()
    {
        var manifest = BatchManifest.Create(31337, Contract, SomeCids(5), Created);

        var json = manifest.ToJson();
        var read = BatchManifest.FromJson(json);

        Assert.Equal(manifest.Root, read.Root);
        Assert.Equal(manifest.Digest, read.Digest);
        Assert.Equal("0x5FbDB2315678afecb367f032d93F642f64180aa3", read.Contract.ToString());
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void A_manifest_whose_leaf_does_not_match_its_cid_is_rejected()
    {
        var cids = SomeCids(3);
        var manifest = BatchManifest.Create(1, Contract, cids, Created);
        var forged = manifest with { Learnings = [manifest.Learnings[0] with { Cid = manifest.Learnings[1].Cid }, .. manifest.Learnings.Skip(1)] };

        var error = Assert.Throws<ReceiptFormatException>(() => BatchManifest.FromJson(forged.ToJson()));
        Assert.Contains("is not the leaf of that CID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_receipt_round_trips_and_verifies_without_the_service()
    {
        var cids = SomeCids(6);
        var manifest = BatchManifest.Create(11155111, Contract, cids, Created);
        var tree = manifest.BuildTree();
        var tx = Hash32.Parse("0x" + new string('a', 64));
        var block = Hash32.Parse("0x" + new string('b', 64));

        var receipt = LearningReceipt.Create(manifest, tree, cids[4], 7, tx, 123456, block);
        var read = LearningReceipt.FromJson(receipt.ToJson());

        Assert.True(read.VerifyProof());
        Assert.Equal(receipt.ToJson(), read.ToJson());
        Assert.Equal(manifest.Root, read.Root);
        Assert.Equal(11155111UL, read.ChainId);
        Assert.Equal(7UL, read.BatchId);
        Assert.Equal(123456UL, read.BlockNumber);
    }

    [Fact]
    public void A_receipt_for_another_cid_does_not_verify()
    {
        var cids = SomeCids(4);
        var manifest = BatchManifest.Create(1, Contract, cids, Created);
        var receipt = LearningReceipt.Create(manifest, manifest.BuildTree(), cids[0], 1, default, 1, default);

        Assert.False((receipt with { Cid = cids[1] }).VerifyProof());
    }

    [Fact]
    public void A_receipt_missing_a_field_names_the_field()
    {
        var error = Assert.Throws<ReceiptFormatException>(() => LearningReceipt.FromJson("""{"version":1,"cid":"bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq","proof":[]}"""u8));

        Assert.Contains("'leaf'", error.Message, StringComparison.Ordinal);
    }
}
