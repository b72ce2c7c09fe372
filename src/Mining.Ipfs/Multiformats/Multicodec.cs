namespace Mining.Ipfs.Multiformats;

/// <summary>The content codecs (multicodec table codes) a CID can name.</summary>
public enum Multicodec
{
    /// <summary>Raw bytes; UnixFS raw leaves and single-block documents.</summary>
    Raw = 0x55,

    /// <summary>MerkleDAG protobuf; UnixFS files and directories.</summary>
    DagPb = 0x70,

    /// <summary>Deterministic CBOR (IPLD).</summary>
    DagCbor = 0x71,

    /// <summary>Deterministic JSON (IPLD).</summary>
    DagJson = 0x0129,
}
