namespace Mining.Ipfs.Gateways;

/// <summary>One gateway's result for one CID.</summary>
/// <param name="Gateway">The gateway's base URL.</param>
/// <param name="Outcome">Verified, tampered or unavailable.</param>
/// <param name="Latency">From the first request to the verdict, retries included.</param>
/// <param name="Reason">Why, in words an operator can act on.</param>
/// <param name="BytesReceived">Response body bytes read.</param>
/// <param name="BlocksVerified">Blocks whose hash matched.</param>
/// <param name="WasCached">The <c>Cache-Control: only-if-cached</c> probe's answer; null when not probed or inconclusive.</param>
public sealed record GatewayVerification(
    Uri Gateway,
    GatewayOutcome Outcome,
    TimeSpan Latency,
    string Reason,
    long BytesReceived,
    int BlocksVerified,
    bool? WasCached);
