using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Dag;

/// <summary>A block: its CID and its bytes.</summary>
/// <remarks>Not verified by construction; use <see cref="IsValid"/> or <see cref="CreateVerified"/> where the bytes come from outside.</remarks>
public sealed record Block(Cid Cid, ReadOnlyMemory<byte> Data)
{
    /// <summary>True when <see cref="Data"/> hashes to <see cref="Cid"/>.</summary>
    public bool IsValid => Cid.Hash.Matches(Data.Span);

    /// <summary>A block whose bytes were checked against its CID.</summary>
    /// <exception cref="BlockVerificationException">The bytes do not hash to <paramref name="cid"/>.</exception>
    public static Block CreateVerified(Cid cid, ReadOnlyMemory<byte> data)
    {
        if (!cid.Hash.Matches(data.Span))
        {
            throw new BlockVerificationException(cid, $"the {data.Length} bytes received do not hash to {cid}");
        }

        return new Block(cid, data);
    }
}
