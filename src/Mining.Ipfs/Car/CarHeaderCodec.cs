using System.Text;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Car;

/// <summary>The dag-cbor header map <c>{"roots": [CID…], "version": 1}</c>: the only CBOR a CAR v1 needs.</summary>
internal static class CarHeaderCodec
{
    private const int CidTag = 42;

    public static byte[] Encode(IReadOnlyList<Cid> roots)
    {
        using var output = new MemoryStream();
        output.WriteByte(0xA2);
        WriteText(output, "roots");
        WriteHead(output, 4, (ulong)roots.Count);
        foreach (var root in roots)
        {
            WriteHead(output, 6, CidTag);
            var bytes = root.ToBytes();
            WriteHead(output, 2, (ulong)bytes.Length + 1);
            output.WriteByte(0);
            output.Write(bytes);
        }

        WriteText(output, "version");
        WriteHead(output, 0, 1);
        return output.ToArray();
    }

    public static CarHeader Decode(ReadOnlySpan<byte> cbor)
    {
        var i = 0;
        var (major, entries) = ReadHead(cbor, ref i);
        if (major != 5)
        {
            throw new CarFormatException("The CAR header is not a CBOR map.");
        }

        List<Cid>? roots = null;
        ulong? version = null;
        for (ulong e = 0; e < entries; e++)
        {
            var (keyMajor, keyLength) = ReadHead(cbor, ref i);
            if (keyMajor != 3)
            {
                throw new CarFormatException("A CAR header key is not a text string.");
            }

            var key = Encoding.UTF8.GetString(Take(cbor, ref i, keyLength));
            switch (key)
            {
                case "version":
                    var (versionMajor, value) = ReadHead(cbor, ref i);
                    version = versionMajor == 0 ? value : throw new CarFormatException("The CAR header version is not an integer.");
                    break;
                case "roots":
                    roots = ReadRoots(cbor, ref i);
                    break;
                default:
                    throw new CarFormatException($"Unexpected key '{key}' in the CAR v1 header.");
            }
        }

        if (version != 1)
        {
            throw new CarFormatException($"Unsupported CAR version {version?.ToString() ?? "(missing)"}; only CAR v1 is read.");
        }

        return new CarHeader(roots ?? throw new CarFormatException("The CAR header has no roots."));
    }

    private static List<Cid> ReadRoots(ReadOnlySpan<byte> cbor, ref int i)
    {
        var (major, count) = ReadHead(cbor, ref i);
        if (major != 4)
        {
            throw new CarFormatException("The CAR header roots are not an array.");
        }

        var roots = new List<Cid>();
        for (ulong r = 0; r < count; r++)
        {
            var (tagMajor, tag) = ReadHead(cbor, ref i);
            var (bytesMajor, length) = ReadHead(cbor, ref i);
            if (tagMajor != 6 || tag != CidTag || bytesMajor != 2 || length < 2)
            {
                throw new CarFormatException("A CAR header root is not a CID (CBOR tag 42 byte string).");
            }

            var bytes = Take(cbor, ref i, length);
            if (bytes[0] != 0)
            {
                throw new CarFormatException("A CAR header root lacks the 0x00 multibase prefix of a dag-cbor CID.");
            }

            roots.Add(Cid.FromBytes(bytes[1..]));
        }

        return roots;
    }

    private static (int Major, ulong Value) ReadHead(ReadOnlySpan<byte> cbor, ref int i)
    {
        if (i >= cbor.Length)
        {
            throw new CarFormatException("The CAR header ends inside a CBOR item.");
        }

        var initial = cbor[i++];
        var major = initial >> 5;
        var info = initial & 0x1F;
        if (info < 24)
        {
            return (major, (ulong)info);
        }

        var size = info switch
        {
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            _ => throw new CarFormatException("The CAR header uses an indefinite-length or reserved CBOR item, which dag-cbor forbids."),
        };
        var bytes = Take(cbor, ref i, (ulong)size);
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        return (major, value);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> cbor, ref int i, ulong length)
    {
        if (length > (ulong)(cbor.Length - i))
        {
            throw new CarFormatException("The CAR header ends inside a CBOR item.");
        }

        var slice = cbor.Slice(i, (int)length);
        i += (int)length;
        return slice;
    }

    private static void WriteText(Stream output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteHead(output, 3, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteHead(Stream output, int major, ulong value)
    {
        var prefix = (byte)(major << 5);
        switch (value)
        {
            case < 24:
                output.WriteByte((byte)(prefix | (byte)value));
                break;
            case <= byte.MaxValue:
                output.WriteByte((byte)(prefix | 24));
                output.WriteByte((byte)value);
                break;
            case <= ushort.MaxValue:
                output.WriteByte((byte)(prefix | 25));
                output.WriteByte((byte)(value >> 8));
                output.WriteByte((byte)value);
                break;
            default:
                output.WriteByte((byte)(prefix | 26));
                for (var shift = 24; shift >= 0; shift -= 8)
                {
                    output.WriteByte((byte)(value >> shift));
                }

                break;
        }
    }
}
