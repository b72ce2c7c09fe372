using System.Text;
using Mining.Ipfs.Dag;
using Mining.Ipfs.Tests.Support;
using Mining.Ipfs.UnixFs;

namespace Mining.Ipfs.Tests.UnixFs;

public sealed class UnixFsImporterTests
{
    public static TheoryData<int, int> SizesAndVersions()
    {
        var data = new TheoryData<int, int>();
        foreach (var size in new[] { 0, 1, 262_143, 262_144, 262_145 })
        {
            data.Add(size, 0);
            data.Add(size, 1);
        }

        return data;
    }

    [Theory]
    [InlineData("hello world\n", 0, "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o")]
    [InlineData("hello world\n", 1, "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4")]
    [InlineData("", 0, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")]
    [InlineData("", 1, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku")]
    public void Kubo_documented_vectors_are_reproduced(string text, int cidVersion, string expected)
    {
        var cid = UnixFsImporter.ComputeCid(Encoding.UTF8.GetBytes(text), Profile(cidVersion));

        Assert.Equal(expected, cid.ToString());
    }

    [Theory]
    [MemberData(nameof(SizesAndVersions))]
    public async Task Random_content_gets_the_CID_Helia_and_ipfs_only_hash_compute(int size, int cidVersion)
    {
        var path = RandomFile(size, seed: size + cidVersion);
        try
        {
            await using var stream = File.OpenRead(path);
            var result = await UnixFsImporter.ImportAsync(stream, Profile(cidVersion));

            var js = await JavaScriptHashes.OfFileAsync(path, cidVersion, rawLeaves: cidVersion == 1);
            Assert.Equal(js.Helia, result.Root.ToString());
            Assert.Equal(js.OnlyHash, result.Root.ToString());
            Assert.Equal(size, result.FileSize);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Ten_MiB_gets_the_CID_Helia_and_ipfs_only_hash_compute(int cidVersion)
    {
        var path = RandomFile(10 * 1024 * 1024, seed: 10 + cidVersion);
        try
        {
            await using var stream = File.OpenRead(path);
            var result = await UnixFsImporter.ImportAsync(stream, Profile(cidVersion));

            var js = await JavaScriptHashes.OfFileAsync(path, cidVersion, rawLeaves: cidVersion == 1);
            Assert.Equal(js.Helia, result.Root.ToString());
            Assert.Equal(js.OnlyHash, result.Root.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0, false, 1000, 3)]
    [InlineData(1, true, 1000, 3)]
    [InlineData(0, false, 700, 4)]
    [InlineData(1, true, 997, 2)]
    public async Task Deep_balanced_trees_match_Helia_and_ipfs_only_hash(int cidVersion, bool rawLeaves, int chunkSize, int maxLinks)
    {
        // Small chunks and few links give trees four to ten levels deep from 100 KB: the same layout code
        // paths as a 44 MiB+ file with Kubo's 174 links, at a fraction of the cost.
        var path = RandomFile(100_003, seed: chunkSize + maxLinks);
        try
        {
            var options = new UnixFsImportOptions { CidVersion = cidVersion, RawLeaves = rawLeaves, ChunkSize = chunkSize, MaxLinksPerNode = maxLinks };
            await using var stream = File.OpenRead(path);
            var result = await UnixFsImporter.ImportAsync(stream, options);

            var js = await JavaScriptHashes.OfFileAsync(path, cidVersion, rawLeaves, chunkSize, maxLinks);
            Assert.Equal(js.Helia, result.Root.ToString());
            Assert.Equal(js.OnlyHash, result.Root.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Every_emitted_block_hashes_to_its_CID_and_the_root_comes_last()
    {
        var content = new byte[600_000];
        new Random(7).NextBytes(content);
        var blocks = new List<Block>();

        var result = await UnixFsImporter.ImportAsync(content, UnixFsImportOptions.KuboCidV0, (block, _) =>
        {
            blocks.Add(block);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(4, blocks.Count);
        Assert.All(blocks, block => Assert.True(block.IsValid));
        Assert.Equal(result.Root, blocks[^1].Cid);
        Assert.Equal((ulong)blocks.Sum(b => b.Data.Length), result.DagSize);
    }

    [Fact]
    public void A_learning_of_at_most_256_KiB_is_one_raw_block_whose_CID_is_the_SHA_256_of_its_bytes()
    {
        var content = Encoding.UTF8.GetBytes("{\"title\":\"a learning\"}");

        var cid = UnixFsImporter.ComputeCid(content, UnixFsImportOptions.KuboCidV1);

        Assert.Equal(Mining.Ipfs.Multiformats.Cid.Compute(Mining.Ipfs.Multiformats.Multicodec.Raw, content), cid);
    }

    [Fact]
    public void Invalid_options_are_refused_with_every_problem_named()
    {
        var options = new UnixFsImportOptions { CidVersion = 2, ChunkSize = 0, MaxLinksPerNode = 1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("CidVersion", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChunkSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLinksPerNode", error.Message, StringComparison.Ordinal);
    }

    private static UnixFsImportOptions Profile(int cidVersion) =>
        cidVersion == 0 ? UnixFsImportOptions.KuboCidV0 : UnixFsImportOptions.KuboCidV1;

    private static string RandomFile(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(Path.GetTempPath(), $"mining-ipfs-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
