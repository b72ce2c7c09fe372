namespace Mining.Ipfs.Kubo;

/// <summary>A connected peer (<c>ipfs swarm peers</c>).</summary>
public sealed record KuboSwarmPeer(string PeerId, string Address);
