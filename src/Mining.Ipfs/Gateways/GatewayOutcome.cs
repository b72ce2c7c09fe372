namespace Mining.Ipfs.Gateways;

/// <summary>What one gateway did with a verification request.</summary>
public enum GatewayOutcome
{
    /// <summary>Every byte served hashed to the CID (and, for a DAG, every linked block arrived).</summary>
    Verified,

    /// <summary>The gateway served bytes that do not match, a truncated response, or blocks outside the DAG. Never counted; not to be trusted.</summary>
    Tampered,

    /// <summary>No usable answer: unreachable, timed out, or an HTTP error status after retries.</summary>
    Unavailable,
}
