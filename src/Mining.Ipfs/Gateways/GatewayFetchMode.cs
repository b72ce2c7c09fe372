namespace Mining.Ipfs.Gateways;

/// <summary>How a gateway is asked for the content (trustless gateway response formats).</summary>
public enum GatewayFetchMode
{
    /// <summary>Raw block for raw-codec CIDs (a document of one block), CAR for anything else.</summary>
    Auto,

    /// <summary><c>?format=raw</c>: the root block only; enough for single-block content.</summary>
    Raw,

    /// <summary><c>?format=car&amp;dag-scope=all</c>: every block of the DAG, each verified and checked to belong to it.</summary>
    Car,
}
