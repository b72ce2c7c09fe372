using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Car;

/// <summary>Writes a CAR v1 archive: a header with the roots, then one section (varint length, CID, bytes) per block.</summary>
/// <remarks>Blocks are written as given, in order; nothing is buffered beyond one section. The stream is not disposed.</remarks>
public sealed class CarWriter(Stream output)
{
    private bool _headerWritten;

    public async Task WriteHeaderAsync(IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (_headerWritten)
        {
            throw new InvalidOperationException("The CAR header is already written.");
        }

        var header = CarHeaderCodec.Encode(roots);
        await WriteVarintAsync((ulong)header.Length, cancellationToken);
        await output.WriteAsync(header, cancellationToken);
        _headerWritten = true;
    }

    public async Task WriteBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!_headerWritten)
        {
            throw new InvalidOperationException("Write the CAR header before any block.");
        }

        var cid = block.Cid.ToBytes();
        await WriteVarintAsync((ulong)(cid.Length + block.Data.Length), cancellationToken);
        await output.WriteAsync(cid, cancellationToken);
        await output.WriteAsync(block.Data, cancellationToken);
    }

    private async Task WriteVarintAsync(ulong value, CancellationToken cancellationToken)
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(buffer, value);
        await output.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
    }
}
