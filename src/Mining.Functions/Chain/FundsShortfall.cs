using System.Globalization;
using System.Numerics;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Functions.Operations;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Functions.Chain;

/// <summary>The operator account cannot pay for a transaction: which account, what it holds, what the transaction can cost.</summary>
/// <remarks>Everything here is public on chain; the texts never contain a key or the RPC URL (which may carry an API key).</remarks>
internal sealed record FundsShortfall(ulong ChainId, Address Operator, BigInteger Balance, BigInteger Needed)
{
    private static readonly BigInteger WeiPerEther = BigInteger.Pow(10, 18);

    /// <summary>What is missing, in wei.</summary>
    public BigInteger Missing => BigInteger.Max(Needed - Balance, BigInteger.Zero);

    /// <summary>The shortfall an <see cref="InsufficientFundsException"/> reports, reading the balance when the node did not say it.</summary>
    public static async Task<FundsShortfall> FromAsync(
        InsufficientFundsException error, ulong chainId, Address @operator, EthRpcClient rpc, CancellationToken cancellationToken)
    {
        var balance = error.Balance ?? (await rpc.Eth.GetBalance.SendRequestAsync(@operator.ToString(), BlockParameter.CreatePending()).WaitAsync(cancellationToken)).Value;
        return new FundsShortfall(chainId, @operator, balance, error.Cost ?? balance + 1);
    }

    /// <summary>How <see cref="Describe"/> starts, to recognise the wait in a learning's reason.</summary>
    public static string WaitPrefix(string batchId) => $"The anchoring batch {batchId} waits for operator funds";

    /// <summary>One line for a learning's reason and the batch's status.</summary>
    public string Describe(string batchId) =>
        $"{WaitPrefix(batchId)}: account {Operator} holds {Ether(Balance)} ETH on chain {ChainId}, "
        + $"the anchor transaction can cost up to {Ether(Needed)} ETH. It continues by itself once the operator funds the account.";

    /// <summary>The alert for the operator: sent once per batch (key <c>funds:&lt;chain id&gt;:&lt;batch id&gt;</c>).</summary>
    public OperatorAlert Alert(string batchId, TimeSpan pollInterval) => new(
        $"funds:{ChainId.ToString(CultureInfo.InvariantCulture)}:{batchId}",
        $"Anchoring batch {batchId} waits for operator funds on chain {ChainId.ToString(CultureInfo.InvariantCulture)}",
        $"""
        The operator account cannot pay for the anchor transaction of batch {batchId}, so the batch waits instead of failing.

        Chain id:          {ChainId.ToString(CultureInfo.InvariantCulture)}
        Operator account:  {Operator}
        Balance:           {Balance.ToString(CultureInfo.InvariantCulture)} wei ({Ether(Balance)} ETH)
        Needed:            {Needed.ToString(CultureInfo.InvariantCulture)} wei ({Ether(Needed)} ETH) = gas limit × max fee per gas + value
        Missing:           {Missing.ToString(CultureInfo.InvariantCulture)} wei ({Ether(Missing)} ETH)

        To fix it, send at least {Ether(Missing)} ETH (more covers the next batches too) to {Operator} on chain {ChainId.ToString(CultureInfo.InvariantCulture)}
        from any funded wallet, for example:
          cast send {Operator} --value {Ether(Missing)}ether --rpc-url <your RPC URL> --interactive
        The batch checks the balance every {pollInterval} and continues by itself once the account can pay; nothing needs restarting.
        The learnings of the batch show the wait in their reason. This alert is sent once for this batch.
        """);

    /// <summary>Wei as ether with up to 18 decimals, trailing zeros dropped.</summary>
    public static string Ether(BigInteger wei)
    {
        var whole = BigInteger.DivRem(BigInteger.Abs(wei), WeiPerEther, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        }

        return wei.Sign < 0 ? "-" + text : text;
    }
}
