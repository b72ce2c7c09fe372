using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.UnixFs;

/// <summary>The UnixFS <c>Data</c> protobuf of a file node (Type = File), encoded as go-unixfs does (proto2, blocksizes unpacked).</summary>
internal static class UnixFsData
{
    private const byte TypeTag = 0x08;
    private const byte FileType = 2;
    private const byte DataTag = 0x12;
    private const byte FileSizeTag = 0x18;
    private const byte BlockSizeTag = 0x20;

    /// <summary>Length of a leaf's Data message up to, not including, the content bytes.</summary>
    public static int LeafPrefixLength(int contentLength) =>
        2 + (contentLength > 0 ? 1 + Varint.Length((ulong)contentLength) : 0);

    public static int LeafSuffixLength(int contentLength) => 1 + Varint.Length((ulong)contentLength);

    public static int LeafLength(int contentLength) => LeafPrefixLength(contentLength) + contentLength + LeafSuffixLength(contentLength);

    public static int WriteLeafPrefix(Span<byte> destination, int contentLength)
    {
        destination[0] = TypeTag;
        destination[1] = FileType;
        if (contentLength == 0)
        {
            return 2;
        }

        destination[2] = DataTag;
        return 3 + Varint.Write(destination[3..], (ulong)contentLength);
    }

    public static int WriteLeafSuffix(Span<byte> destination, int contentLength)
    {
        destination[0] = FileSizeTag;
        return 1 + Varint.Write(destination[1..], (ulong)contentLength);
    }

    public static int NodeLength(ulong fileSize, IReadOnlyList<ulong> blockSizes)
    {
        var length = 3 + Varint.Length(fileSize);
        foreach (var size in blockSizes)
        {
            length += 1 + Varint.Length(size);
        }

        return length;
    }

    public static int WriteNode(Span<byte> destination, ulong fileSize, IReadOnlyList<ulong> blockSizes)
    {
        destination[0] = TypeTag;
        destination[1] = FileType;
        destination[2] = FileSizeTag;
        var i = 3 + Varint.Write(destination[3..], fileSize);
        foreach (var size in blockSizes)
        {
            destination[i++] = BlockSizeTag;
            i += Varint.Write(destination[i..], size);
        }

        return i;
    }
}
