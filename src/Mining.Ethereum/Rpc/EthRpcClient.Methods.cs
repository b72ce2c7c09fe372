using System.Numerics;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;
using Dto = Nethereum.RPC.Eth.DTOs;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Rpc;

public sealed partial class EthRpcClient
{
    /// <summary><c>eth_chainId</c>.</summary>
    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken = default) =>
        (ulong)(await RequestAsync<HexBigInteger>("eth_chainId", [], null, cancellationToken)).Value;

    /// <summary><c>eth_blockNumber</c>.</summary>
    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken = default) =>
        (ulong)(await RequestAsync<HexBigInteger>("eth_blockNumber", [], null, cancellationToken)).Value;

    /// <summary><c>eth_getBlockByNumber</c> without full transactions; null when the node has no such block (or no finalized block yet).</summary>
    public async Task<Block?> GetBlockAsync(BlockParameter block, CancellationToken cancellationToken = default) =>
        RpcDtos.ToBlock(await RequestAsync<Dto.BlockWithTransactionHashes?>("eth_getBlockByNumber", [block.ToString(), false], null, cancellationToken));

    /// <summary><c>eth_getBalance</c> in wei.</summary>
    public async Task<BigInteger> GetBalanceAsync(Address address, BlockParameter? block = null, CancellationToken cancellationToken = default) =>
        (await RequestAsync<HexBigInteger>("eth_getBalance", [address.ToString(), (block ?? BlockParameter.Latest).ToString()], null, cancellationToken)).Value;

    /// <summary><c>eth_getTransactionCount</c>: the next nonce, counting pending transactions with <see cref="BlockParameter.Pending"/>.</summary>
    public async Task<ulong> GetTransactionCountAsync(Address address, BlockParameter block, CancellationToken cancellationToken = default) =>
        (ulong)(await RequestAsync<HexBigInteger>("eth_getTransactionCount", [address.ToString(), block.ToString()], null, cancellationToken)).Value;

    /// <summary><c>eth_estimateGas</c>; a revert throws <see cref="ExecutionRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public async Task<ulong> EstimateGasAsync(CallRequest call, RevertDecoder? errors = null, CancellationToken cancellationToken = default) =>
        (ulong)(await RequestAsync<HexBigInteger>("eth_estimateGas", [CallObject(call)], errors, cancellationToken)).Value;

    /// <summary><c>eth_feeHistory</c> over the last <paramref name="blockCount"/> blocks up to <paramref name="newest"/>.</summary>
    public async Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockParameter newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default) =>
        RpcDtos.ToFeeHistory(await RequestAsync<Dto.FeeHistoryResult>("eth_feeHistory", [new HexBigInteger((ulong)blockCount).HexValue, newest.ToString(), rewardPercentiles], null, cancellationToken));

    /// <summary><c>eth_maxPriorityFeePerGas</c> in wei.</summary>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        (await RequestAsync<HexBigInteger>("eth_maxPriorityFeePerGas", [], null, cancellationToken)).Value;

    /// <summary><c>eth_gasPrice</c> in wei.</summary>
    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken = default) =>
        (await RequestAsync<HexBigInteger>("eth_gasPrice", [], null, cancellationToken)).Value;

    /// <summary><c>eth_sendRawTransaction</c>.</summary>
    /// <remarks>
    /// When the node reports insufficient funds without details, the client decodes the transaction and reads the
    /// sender's balance so the <see cref="InsufficientFundsException"/> carries address, balance and cost.
    /// </remarks>
    public async Task<TxHash> SendRawTransactionAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken = default)
    {
        try
        {
            return TxHash.Parse(await RequestAsync<string>("eth_sendRawTransaction", [raw.Span.ToArray().ToHex(true)], null, cancellationToken));
        }
        catch (InsufficientFundsException exception) when (exception.Address is null)
        {
            var decoded = RawTransaction.Decode(raw.Span);
            var balance = await GetBalanceAsync(decoded.From, BlockParameter.Pending, cancellationToken);
            throw new InsufficientFundsException(exception.Method, decoded.From, balance, TransactionSigning.MaxCost(decoded.Transaction), exception.Message);
        }
    }

    /// <summary><c>eth_getTransactionByHash</c>; null when the node does not know the transaction (never sent, dropped or reorged out of its pool).</summary>
    public async Task<RpcTransaction?> GetTransactionByHashAsync(TxHash hash, CancellationToken cancellationToken = default) =>
        RpcDtos.ToTransaction(await RequestAsync<Dto.Transaction?>("eth_getTransactionByHash", [hash.ToString()], null, cancellationToken));

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined.</summary>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(TxHash hash, CancellationToken cancellationToken = default) =>
        RpcDtos.ToReceipt(await RequestAsync<Dto.TransactionReceipt?>("eth_getTransactionReceipt", [hash.ToString()], null, cancellationToken));

    /// <summary>Receipts of several transactions, in order; null entries are not mined.</summary>
    public async Task<IReadOnlyList<TransactionReceipt?>> GetTransactionReceiptsAsync(IReadOnlyList<TxHash> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        return await Task.WhenAll(hashes.Select(hash => GetTransactionReceiptAsync(hash, cancellationToken)));
    }

    /// <summary><c>eth_call</c>; a revert throws <see cref="ExecutionRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public async Task<byte[]> CallAsync(CallRequest call, BlockParameter? block = null, RevertDecoder? errors = null, CancellationToken cancellationToken = default) =>
        (await RequestAsync<string>("eth_call", [CallObject(call), (block ?? BlockParameter.Latest).ToString()], errors, cancellationToken)).HexToByteArray();

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

        return [.. (await RequestAsync<Dto.FilterLog[]>("eth_getLogs", [query], null, cancellationToken)).Select(RpcDtos.ToLog)];
    }

    private static Dto.CallInput CallObject(CallRequest call) => new()
    {
        Data = call.Data.Span.ToArray().ToHex(true),
        To = call.To?.ToString(),
        From = call.From?.ToString(),
        Value = call.Value is { } value ? new HexBigInteger(value) : null,
        Gas = call.Gas is { } gas ? new HexBigInteger(gas) : null,
    };
}
