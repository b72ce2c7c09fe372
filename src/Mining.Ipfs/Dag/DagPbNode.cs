namespace Mining.Ipfs.Dag;

/// <summary>A decoded dag-pb node: its links in order and its data (UnixFS metadata and content).</summary>
public sealed record DagPbNode(IReadOnlyList<DagPbLink> Links, ReadOnlyMemory<byte>? Data);
