using Mining.Ipfs.Car;
using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.UnixFs;

namespace Mining.Ipfs.Tests.Car;

public sealed class CarTests
{
    [Fact]
    public async Task A_CAR_written_from_an_import_reads_back_with_the_same_roots_and_verified_blocks()
    {
        var content = new byte[700_000];
        new Random(3).NextBytes(content);
        var blocks = new List<Block>();
        var import = await UnixFsImporter.ImportAsync(content, UnixFsImportOptions.KuboCidV0, (b, _) =>
        {
            blocks.Add(b);
            return ValueTask.CompletedTask;
        });

        var car = await WriteAsync([import.Root], blocks);
        var reader = new CarReader(new MemoryStream(car));

        Assert.Equal([import.Root], (await reader.ReadHeaderAsync()).Roots);
        var read = new List<Block>();
        while (await reader.ReadBlockAsync() is { } block)
        {
            read.Add(block);
        }

        Assert.Equal(blocks.Select(b => b.Cid), read.Select(b => b.Cid));
        Assert.All(read, b => Assert.True(b.IsValid));
    }

    [Fact]
    public async Task The_header_is_the_dag_cbor_the_CAR_spec_defines()
    {
        var root = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

        var car = await WriteAsync([root], []);

        // As @ipld/car's CarWriter writes it: varint(len) {"roots": [tag 42 bytes(0x00 + cid)], "version": 1}
        var expected = Convert.FromHexString("3aa265726f6f747381d82a58250001551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a4476776657273696f6e01");
        Assert.Equal(expected, car);
    }

    [Fact]
    public async Task A_CAR_cut_inside_a_block_is_rejected_as_truncated()
    {
        var block = Block.CreateVerified(Cid.Compute(Multicodec.Raw, new byte[1000]), new byte[1000]);
        var car = await WriteAsync([block.Cid], [block]);

        var reader = new CarReader(new MemoryStream(car[..^10]));

        var error = await Assert.ThrowsAsync<CarFormatException>(() => reader.ReadBlockAsync());
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_whose_bytes_do_not_match_its_CID_is_rejected()
    {
        var cid = Cid.Compute(Multicodec.Raw, "honest"u8);
        var car = await WriteAsync([cid], [new Block(cid, "forged"u8.ToArray())]);

        var reader = new CarReader(new MemoryStream(car));

        var error = await Assert.ThrowsAsync<BlockVerificationException>(() => reader.ReadBlockAsync());
        Assert.Equal(cid, error.Cid);
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<Cid> roots, IEnumerable<Block> blocks)
    {
        using var output = new MemoryStream();
        var writer = new CarWriter(output);
        await writer.WriteHeaderAsync(roots);
        foreach (var block in blocks)
        {
            await writer.WriteBlockAsync(block);
        }

        return output.ToArray();
    }
}
