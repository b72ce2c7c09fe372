using System.Text;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Dag;

/// <summary>The dag-pb codec in its canonical form: links (field 2) before data (field 1), link fields in order Hash, Name, Tsize.</summary>
internal static class DagPb
{
    private const byte DataTag = 0x0A;
    private const byte LinksTag = 0x12;
    private const byte LinkHashTag = 0x0A;
    private const byte LinkNameTag = 0x12;
    private const byte LinkTsizeTag = 0x18;

    /// <summary>Length of one encoded link (without its field 2 tag and length prefix) with an empty name.</summary>
    public static int LinkBodyLength(Cid cid, ulong tsize) =>
        1 + Varint.Length((ulong)cid.EncodedLength) + cid.EncodedLength + 2 + 1 + Varint.Length(tsize);

    /// <summary>Writes a link with an empty name, as UnixFS file nodes use; returns bytes written.</summary>
    public static int WriteLink(Span<byte> destination, Cid cid, ulong tsize)
    {
        var body = LinkBodyLength(cid, tsize);
        var i = 0;
        destination[i++] = LinksTag;
        i += Varint.Write(destination[i..], (ulong)body);
        destination[i++] = LinkHashTag;
        i += Varint.Write(destination[i..], (ulong)cid.EncodedLength);
        i += cid.WriteTo(destination[i..]);
        destination[i++] = LinkNameTag;
        destination[i++] = 0;
        destination[i++] = LinkTsizeTag;
        i += Varint.Write(destination[i..], tsize);
        return i;
    }

    public static int DataPrefixLength(int dataLength) => 1 + Varint.Length((ulong)dataLength);

    public static int WriteDataPrefix(Span<byte> destination, int dataLength)
    {
        destination[0] = DataTag;
        return 1 + Varint.Write(destination[1..], (ulong)dataLength);
    }

    /// <summary>Decodes a dag-pb block.</summary>
    /// <exception cref="BlockVerificationException">The bytes are not a well-formed dag-pb node.</exception>
    public static DagPbNode Decode(ReadOnlyMemory<byte> block)
    {
        var span = block.Span;
        var links = new List<DagPbLink>();
        ReadOnlyMemory<byte>? data = null;
        var i = 0;
        while (i < span.Length)
        {
            var tag = span[i++];
            var length = ReadLength(span, ref i);
            if (tag == LinksTag && data is null)
            {
                links.Add(DecodeLink(span.Slice(i, length)));
            }
            else if (tag == DataTag && data is null)
            {
                data = block.Slice(i, length);
            }
            else
            {
                throw Malformed($"unexpected field tag 0x{tag:x2} at byte {i - 1}");
            }

            i += length;
        }

        return new DagPbNode(links, data);
    }

    private static DagPbLink DecodeLink(ReadOnlySpan<byte> span)
    {
        Cid? hash = null;
        string? name = null;
        ulong? tsize = null;
        var i = 0;
        while (i < span.Length)
        {
            var tag = span[i++];
            switch (tag)
            {
                case LinkHashTag:
                    var hashLength = ReadLength(span, ref i);
                    hash = Cid.Read(span.Slice(i, hashLength), out _);
                    i += hashLength;
                    break;
                case LinkNameTag:
                    var nameLength = ReadLength(span, ref i);
                    name = Encoding.UTF8.GetString(span.Slice(i, nameLength));
                    i += nameLength;
                    break;
                case LinkTsizeTag:
                    if (!Varint.TryRead(span[i..], out var size, out var consumed))
                    {
                        throw Malformed("link Tsize varint does not end");
                    }

                    tsize = size;
                    i += consumed;
                    break;
                default:
                    throw Malformed($"unexpected link field tag 0x{tag:x2}");
            }
        }

        return hash is { } cid ? new DagPbLink(cid, name, tsize) : throw Malformed("a link has no Hash");
    }

    private static int ReadLength(ReadOnlySpan<byte> span, ref int i)
    {
        if (!Varint.TryRead(span[i..], out var length, out var consumed) || length > (ulong)(span.Length - i - consumed))
        {
            throw Malformed($"length at byte {i} runs past the end of the block");
        }

        i += consumed;
        return (int)length;
    }

    private static BlockVerificationException Malformed(string reason) =>
        new($"The block is not valid dag-pb: {reason}.");
}
