using System.Numerics;
using Mining.Ethereum.Rpc;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Ethereum.Sending;

public sealed partial class TransactionManager
{
    /// <summary>The fees a new transaction would get now: (max fee per gas, max priority fee per gas).</summary>
    /// <exception cref="FeeCeilingExceededException">Next base fee + priority fee is above the ceiling.</exception>
    public async Task<(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)> MarketFeesAsync(CancellationToken cancellationToken = default)
    {
        var history = await _rpc.Eth.FeeHistory.SendRequestAsync(new HexBigInteger(_options.FeeHistoryBlocks), BlockParameter.CreateLatest(), [(decimal)_options.PriorityFeePercentile]).WaitAsync(cancellationToken);
        var nextBaseFee = history.BaseFeePerGas is [.., var next] ? next.Value : (await _rpc.Eth.GasPrice.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        var rewards = (history.Reward ?? []).Where(row => row.Length > 0 && row[0].Value > 0).Select(row => row[0].Value).Order().ToList();
        var priority = rewards.Count > 0 ? rewards[rewards.Count / 2] : await FallbackPriorityFeeAsync(cancellationToken);
        priority = BigInteger.Max(priority, _options.MinPriorityFeePerGas);

        var ceiling = _options.MaxFeePerGasCeiling;
        if (nextBaseFee + priority > ceiling)
        {
            throw new FeeCeilingExceededException(nextBaseFee + priority, ceiling, "A new transaction");
        }

        var maxFee = BigInteger.Min((nextBaseFee * _options.BaseFeeMultiplier) + priority, ceiling);
        return (maxFee, priority);
    }

    private async Task<BigInteger> FallbackPriorityFeeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await new EthMaxPriorityFeePerGas(_rpc).SendRequestAsync().WaitAsync(cancellationToken)).Value;
        }
        catch (EthereumRpcException exception) when (!exception.IsTransient)
        {
            return _options.MinPriorityFeePerGas;
        }
    }

    private (BigInteger MaxFee, BigInteger Priority) ReplacementFees(TransactionAttempt previous, BigInteger marketMaxFee, BigInteger marketPriority)
    {
        var minMaxFee = Bump(previous.MaxFeePerGas);
        var minPriority = Bump(previous.MaxPriorityFeePerGas);
        var priority = BigInteger.Max(minPriority, marketPriority);
        var maxFee = BigInteger.Max(BigInteger.Max(minMaxFee, marketMaxFee), priority);
        var ceiling = _options.MaxFeePerGasCeiling;
        if (maxFee > ceiling)
        {
            maxFee = ceiling;
            priority = BigInteger.Min(priority, maxFee);
        }

        if (maxFee < minMaxFee || priority < minPriority)
        {
            throw new FeeCeilingExceededException(minMaxFee, ceiling, $"Replacing transaction {previous.Hash} (fees +{_options.ReplacementBumpPerMille / 10.0:0.#} %)");
        }

        return (maxFee, priority);
    }

    private BigInteger Bump(BigInteger fee)
    {
        var raised = fee * (1000 + _options.ReplacementBumpPerMille);
        return BigInteger.Max((raised + 999) / 1000, fee + 1);
    }
}
