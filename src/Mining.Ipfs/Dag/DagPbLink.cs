using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Dag;

/// <summary>A dag-pb link: target, name (UnixFS file chunks use the empty name) and cumulative size of the target DAG.</summary>
public readonly record struct DagPbLink(Cid Hash, string? Name, ulong? Tsize);
