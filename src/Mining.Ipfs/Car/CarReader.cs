using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Car;

/// <summary>Reads a CAR v1 archive section by section.</summary>
/// <remarks>
/// Every block is checked against its CID before it is returned (a mismatch throws <see cref="BlockVerificationException"/>);
/// a stream that ends inside the header or a section throws <see cref="CarFormatException"/>. Memory is bounded by
/// <see cref="MaxSectionLength"/>. The stream is not disposed.
/// </remarks>
public sealed class CarReader(Stream input)
{
    /// <summary>Largest header accepted.</summary>
    public const int MaxHeaderLength = 1024 * 1024;

    /// <summary>Largest section (CID + block) accepted: 2 MiB, the block size limit of IPFS peers, plus room for the CID.</summary>
    public const int MaxSectionLength = (2 * 1024 * 1024) + 128;

    private readonly Stream _input = input is BufferedStream ? input : new BufferedStream(input, 64 * 1024);
    private CarHeader? _header;

    public async Task<CarHeader> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_header is not null)
        {
            return _header;
        }

        var length = await ReadVarintAsync(cancellationToken) ?? throw new CarFormatException("The CAR stream is empty: no header.");
        if (length is 0 or > MaxHeaderLength)
        {
            throw new CarFormatException($"The CAR header length {length} is outside 1..{MaxHeaderLength} bytes.");
        }

        var header = await ReadExactlyAsync((int)length, "header", cancellationToken);
        _header = CarHeaderCodec.Decode(header);
        return _header;
    }

    /// <summary>The next verified block, or null at the clean end of the archive.</summary>
    public async Task<Block?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        await ReadHeaderAsync(cancellationToken);
        var length = await ReadVarintAsync(cancellationToken);
        if (length is null)
        {
            return null;
        }

        if (length is 0 or > MaxSectionLength)
        {
            throw new CarFormatException($"A CAR section of {length} bytes is outside 1..{MaxSectionLength} bytes.");
        }

        var section = await ReadExactlyAsync((int)length, "block section", cancellationToken);
        Cid cid;
        int consumed;
        try
        {
            cid = Cid.Read(section, out consumed);
        }
        catch (CidFormatException ex)
        {
            throw new CarFormatException($"A CAR section does not start with a valid CID: {ex.Message}", ex);
        }

        return Block.CreateVerified(cid, section.AsMemory(consumed));
    }

    private async Task<byte[]> ReadExactlyAsync(int length, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        var read = await _input.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken);
        if (read < length)
        {
            throw new CarFormatException($"The CAR stream is truncated: its {what} declares {length} bytes, only {read} arrived.");
        }

        return buffer;
    }

    /// <summary>Null at a clean end of stream (before the first byte of a varint).</summary>
    private async Task<ulong?> ReadVarintAsync(CancellationToken cancellationToken)
    {
        ulong value = 0;
        var one = new byte[1];
        for (var i = 0; i < 9; i++)
        {
            if (await _input.ReadAsync(one, cancellationToken) == 0)
            {
                return i == 0 ? null : throw new CarFormatException("The CAR stream is truncated inside a length varint.");
            }

            value |= (ulong)(one[0] & 0x7F) << (7 * i);
            if (one[0] < 0x80)
            {
                return value;
            }
        }

        throw new CarFormatException("A CAR length varint is longer than 9 bytes.");
    }
}
