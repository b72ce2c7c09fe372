using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Car;

/// <summary>A CAR v1 header: the DAG roots the archive is about.</summary>
public sealed record CarHeader(IReadOnlyList<Cid> Roots);
