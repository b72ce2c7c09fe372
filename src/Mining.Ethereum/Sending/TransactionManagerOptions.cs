using System.Numerics;

namespace Mining.Ethereum.Sending;

/// <summary>Settings of <see cref="TransactionManager"/>.</summary>
public sealed class TransactionManagerOptions
{
    /// <summary>The chain id transactions are signed for; it must match the node's.</summary>
    public ulong ChainId { get; set; }

    /// <summary>Blocks required on top of the inclusion block (inclusion block counts as 1).</summary>
    public int Confirmations { get; set; } = 3;

    /// <summary>When true, a transaction is confirmed once its block is at or below the node's <c>finalized</c> block, instead of counting blocks.</summary>
    public bool WaitForFinalized { get; set; }

    /// <summary>The highest max fee per gas the manager ever signs, in wei. Required.</summary>
    public BigInteger MaxFeePerGasCeiling { get; set; }

    /// <summary>The lowest priority fee offered, in wei (some chains report zero rewards).</summary>
    public BigInteger MinPriorityFeePerGas { get; set; } = 1_000_000;

    /// <summary>Max fee = next base fee × this + priority fee (absorbs base fee rises over the next blocks).</summary>
    public int BaseFeeMultiplier { get; set; } = 2;

    /// <summary>Blocks of <c>eth_feeHistory</c> to take the priority fee from.</summary>
    public int FeeHistoryBlocks { get; set; } = 10;

    /// <summary>The reward percentile of <c>eth_feeHistory</c> used as the priority fee.</summary>
    public double PriorityFeePercentile { get; set; } = 50;

    /// <summary>Extra gas over the estimate, in percent.</summary>
    public int GasHeadroomPercent { get; set; } = 20;

    /// <summary>How long a transaction may stay pending before it is replaced with higher fees.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The fee increase of a replacement, in per mille of the previous fees (125 = 12.5 %, the minimum).</summary>
    public int ReplacementBumpPerMille { get; set; } = 125;

    /// <summary>The interval between checks in <see cref="TransactionManager.WaitForConfirmationAsync"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Checks every setting and lists all problems at once.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (ChainId == 0)
        {
            errors.Add("TransactionManagerOptions.ChainId must be set (31337 for anvil, 11155111 for Sepolia...).");
        }

        if (Confirmations < 1)
        {
            errors.Add($"TransactionManagerOptions.Confirmations must be at least 1, got {Confirmations}.");
        }

        if (MaxFeePerGasCeiling <= 0)
        {
            errors.Add("TransactionManagerOptions.MaxFeePerGasCeiling must be set to the most wei per gas you are willing to pay.");
        }

        if (MinPriorityFeePerGas < 0 || MinPriorityFeePerGas > MaxFeePerGasCeiling)
        {
            errors.Add("TransactionManagerOptions.MinPriorityFeePerGas must be between 0 and MaxFeePerGasCeiling.");
        }

        if (BaseFeeMultiplier is < 1 or > 10)
        {
            errors.Add($"TransactionManagerOptions.BaseFeeMultiplier must be 1 to 10, got {BaseFeeMultiplier}.");
        }

        if (FeeHistoryBlocks is < 1 or > 1024 || PriorityFeePercentile is < 0 or > 100)
        {
            errors.Add("TransactionManagerOptions.FeeHistoryBlocks must be 1 to 1024 and PriorityFeePercentile 0 to 100.");
        }

        if (GasHeadroomPercent is < 0 or > 500)
        {
            errors.Add($"TransactionManagerOptions.GasHeadroomPercent must be 0 to 500, got {GasHeadroomPercent}.");
        }

        if (ReplacementBumpPerMille < 125)
        {
            errors.Add($"TransactionManagerOptions.ReplacementBumpPerMille must be at least 125 (12.5 %), got {ReplacementBumpPerMille}.");
        }

        if (StuckAfter <= TimeSpan.Zero || PollInterval <= TimeSpan.Zero)
        {
            errors.Add("TransactionManagerOptions.StuckAfter and PollInterval must be positive.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
