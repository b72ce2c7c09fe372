namespace Mining.Ipfs.Multiformats;

/// <summary>The multihash functions this library computes and verifies.</summary>
public enum MultihashCode
{
    /// <summary>The "digest" is the content itself (inline CIDs for tiny blocks).</summary>
    Identity = 0x00,

    /// <summary>SHA-256 (multihash name <c>sha2-256</c>), 32-byte digests.</summary>
    Sha256 = 0x12,
}
