namespace Mining.Functions.Options;

/// <summary>The EVM chain the service anchors on (section <c>Chain</c>).</summary>
internal sealed class ChainOptions : IValidatedOptions
{
    public Uri? RpcUrl { get; set; }
    public long ChainId { get; set; }
    public int Confirmations { get; set; } = 2;
    public decimal MaxFeePerGasGwei { get; set; } = 200;

    /// <summary>How long the anchor transaction may stay pending before it is replaced at the same nonce with higher fees.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(3);

    public IEnumerable<string> Validate()
    {
        if (!ValidatedOptionsExtensions.IsHttpUrl(RpcUrl))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Chain:RpcUrl")} must be an http(s) JSON-RPC URL such as http://127.0.0.1:8545/.";
        }

        if (ChainId <= 0)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Chain:ChainId")} must be a positive chain id, e.g. 31337 (anvil) or 11155111 (Sepolia).";
        }

        if (Confirmations is < 1 or > 256)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Chain:Confirmations")} must be between 1 and 256, e.g. 2 locally or 12 on a testnet.";
        }

        if (MaxFeePerGasGwei <= 0)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Chain:MaxFeePerGasGwei")} must be a positive number of gwei, e.g. 200.";
        }

        if (StuckAfter < TimeSpan.FromSeconds(1))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Chain:StuckAfter")} must be a time span of at least one second, e.g. 00:03:00.";
        }
    }
}
