namespace Mining.Ipfs.Kubo;

/// <summary>The node's identity (<c>ipfs id</c>).</summary>
public sealed record KuboPeerInfo(string PeerId, IReadOnlyList<string> Addresses, string AgentVersion);
