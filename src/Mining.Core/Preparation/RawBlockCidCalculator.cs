using System.Security.Cryptography;
using Mining.Core.Multiformats;

namespace Mining.Core.Preparation;

/// <summary>The raw-block CIDv1: codec raw (0x55), multihash sha2-256 of the bytes, multibase base32 lower.</summary>
/// <remarks>
/// Matches <c>ipfs add --raw-leaves --cid-version 1</c> for a document that fits in one block (the size limit
/// guarantees that). Stands in until the Mining.Ipfs importer is wired in.
/// </remarks>
public sealed class RawBlockCidCalculator : ICidCalculator
{
    public string ComputeCid(ReadOnlySpan<byte> bytes)
    {
        Span<byte> cid = stackalloc byte[36];
        cid[0] = 0x01; // CID version 1
        cid[1] = 0x55; // multicodec raw
        cid[2] = 0x12; // multihash sha2-256
        cid[3] = 0x20; // digest length 32
        SHA256.HashData(bytes, cid[4..]);
        return "b" + Base32Lower.Encode(cid);
    }
}
