using System.Numerics;
using System.Text.Json;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Transactions;

namespace Mining.Ethereum.Rpc;

public sealed partial class EthRpcClient
{
    /// <summary><c>eth_chainId</c>.</summary>
    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantityUInt64((await RequestAsync("eth_chainId", [], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_blockNumber</c>.</summary>
    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantityUInt64((await RequestAsync("eth_blockNumber", [], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_getBlockByNumber</c> without full transactions; null when the node has no such block (or no finalized block yet).</summary>
    public async Task<Block?> GetBlockAsync(BlockParameter block, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getBlockByNumber", [block.ToString(), false], null, cancellationToken);
        return result.ValueKind == JsonValueKind.Object ? RpcJson.ParseBlock(result) : null;
    }

    /// <summary><c>eth_getBalance</c> in wei.</summary>
    public async Task<BigInteger> GetBalanceAsync(Address address, BlockParameter? block = null, CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantity((await RequestAsync("eth_getBalance", [address.ToString(), (block ?? BlockParameter.Latest).ToString()], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_getTransactionCount</c>: the next nonce, counting pending transactions with <see cref="BlockParameter.Pending"/>.</summary>
    public async Task<ulong> GetTransactionCountAsync(Address address, BlockParameter block, CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantityUInt64((await RequestAsync("eth_getTransactionCount", [address.ToString(), block.ToString()], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_estimateGas</c>; a revert throws <see cref="ExecutionRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public async Task<ulong> EstimateGasAsync(CallRequest call, RevertDecoder? errors = null, CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantityUInt64((await RequestAsync("eth_estimateGas", [CallObject(call)], errors, cancellationToken)).GetString()!);

    /// <summary><c>eth_feeHistory</c> over the last <paramref name="blockCount"/> blocks up to <paramref name="newest"/>.</summary>
    public async Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockParameter newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default) =>
        RpcJson.ParseFeeHistory(await RequestAsync("eth_feeHistory", [Hex.EncodeQuantity((ulong)blockCount), newest.ToString(), rewardPercentiles], null, cancellationToken));

    /// <summary><c>eth_maxPriorityFeePerGas</c> in wei.</summary>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantity((await RequestAsync("eth_maxPriorityFeePerGas", [], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_gasPrice</c> in wei.</summary>
    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        Hex.DecodeQuantity((await RequestAsync("eth_gasPrice", [], null, cancellationToken)).GetString()!);

    /// <summary><c>eth_sendRawTransaction</c>.</summary>
    /// <remarks>
    /// When the node reports insufficient funds without details, the client decodes the transaction and reads the
    /// sender's balance so the <see cref="InsufficientFundsException"/> carries address, balance and cost.
    /// </remarks>
    public async Task<TxHash> SendRawTransactionAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken = default)
    {
        try
        {
            return TxHash.Parse((await RequestAsync("eth_sendRawTransaction", [Hex.Encode(raw.Span)], null, cancellationToken)).GetString()!);
        }
        catch (InsufficientFundsException exception) when (exception.Address is null)
        {
            var decoded = TransactionDecoder.Decode(raw.Span);
            var cost = (decoded.Transaction.MaxPricePerGas * decoded.Transaction.GasLimit) + decoded.Transaction.Value;
            var balance = await GetBalanceAsync(decoded.From, BlockParameter.Pending, cancellationToken);
            throw new InsufficientFundsException(exception.Method, decoded.From, balance, cost, exception.Message);
        }
    }

    /// <summary><c>eth_getTransactionByHash</c>; null when the node does not know the transaction (never sent, dropped or reorged out of its pool).</summary>
    public async Task<RpcTransaction?> GetTransactionByHashAsync(TxHash hash, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getTransactionByHash", [hash.ToString()], null, cancellationToken);
        return result.ValueKind == JsonValueKind.Object ? RpcJson.ParseTransaction(result) : null;
    }

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(TxHash hash, CancellationToken cancellationToken = default)
    {
        var result = await RequestAsync("eth_getTransactionReceipt", [hash.ToString()], null, cancellationToken);
        return result.ValueKind == JsonValueKind.Object ? RpcJson.ParseReceipt(result) : null;
    }

    /// <summary>Receipts of several transactions in one batch request; null entries are not mined.</summary>
    public async Task<IReadOnlyList<TransactionReceipt?>> GetTransactionReceiptsAsync(IReadOnlyList<TxHash> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var responses = await BatchAsync(hashes.Select(hash => new RpcRequest("eth_getTransactionReceipt", [hash.ToString()])).ToList(), cancellationToken);
        return responses.Select(response =>
        {
            var result = response.GetResultOrThrow();
            return result.ValueKind == JsonValueKind.Object ? RpcJson.ParseReceipt(result) : null;
        }).ToList();
    }

    /// <summary><c>eth_call</c>; a revert throws <see cref="ExecutionRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public async Task<byte[]> CallAsync(CallRequest call, BlockParameter? block = null, RevertDecoder? errors = null, CancellationToken cancellationToken = default) =>
        Hex.Decode((await RequestAsync("eth_call", [CallObject(call), (block ?? BlockParameter.Latest).ToString()], errors, cancellationToken)).GetString()!);

    /// <summary><c>eth_getLogs</c>.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, object?>
        {
            ["fromBlock"] = filter.FromBlock.ToString(),
            ["toBlock"] = filter.ToBlock.ToString(),
            ["topics"] = filter.Topics.Select(topic => topic?.ToString()).ToList(),
        };
        if (filter.Address is { } address)
        {
            query["address"] = address.ToString();
        }

        var result = await RequestAsync("eth_getLogs", [query], null, cancellationToken);
        return result.EnumerateArray().Select(RpcJson.ParseLog).ToList();
    }

    private static Dictionary<string, object?> CallObject(CallRequest call)
    {
        var body = new Dictionary<string, object?> { ["data"] = Hex.Encode(call.Data.Span) };
        if (call.To is { } to)
        {
            body["to"] = to.ToString();
        }

        if (call.From is { } from)
        {
            body["from"] = from.ToString();
        }

        if (call.Value is { } value)
        {
            body["value"] = Hex.EncodeQuantity(value);
        }

        if (call.Gas is { } gas)
        {
            body["gas"] = Hex.EncodeQuantity(gas);
        }

        return body;
    }
}
