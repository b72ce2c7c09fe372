using System.Numerics;
using Nethereum.Hex.HexTypes;
using Dto = Nethereum.RPC.Eth.DTOs;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Rpc;

/// <summary>Turns Nethereum's RPC DTOs (hex strings) into the project's typed records.</summary>
internal static class RpcDtos
{
    public static Block? ToBlock(Dto.BlockWithTransactionHashes? b) => b is null ? null : new(
        U64(b.Number),
        Hash32.Parse(b.BlockHash),
        Hash32.Parse(b.ParentHash),
        DateTimeOffset.FromUnixTimeSeconds((long)U64(b.Timestamp)),
        b.BaseFeePerGas?.Value,
        U64(b.GasLimit),
        U64(b.GasUsed),
        [.. (b.TransactionHashes ?? []).Select(TxHash.Parse)]);

    public static TransactionReceipt? ToReceipt(Dto.TransactionReceipt? r) => r is null ? null : new(
        TxHash.Parse(r.TransactionHash),
        Hash32.Parse(r.BlockHash),
        U64(r.BlockNumber),
        r.Status is null || r.Status.Value == BigInteger.One,
        U64(r.GasUsed),
        r.EffectiveGasPrice?.Value ?? BigInteger.Zero,
        ToAddress(r.From)!.Value,
        ToAddress(r.To),
        ToAddress(r.ContractAddress),
        [.. (r.Logs ?? []).Select(ToLog)]);

    public static LogEntry ToLog(Dto.FilterLog l) => new(
        ToAddress(l.Address)!.Value,
        [.. (l.Topics ?? []).Select(t => Hash32.Parse(t.ToString()!))],
        (l.Data ?? "0x").HexToByteArray(),
        U64(l.BlockNumber),
        Hash32.Parse(l.BlockHash),
        TxHash.Parse(l.TransactionHash),
        U64(l.LogIndex),
        l.Removed);

    public static RpcTransaction? ToTransaction(Dto.Transaction? t) => t is null ? null : new(
        TxHash.Parse(t.TransactionHash),
        ToAddress(t.From)!.Value,
        ToAddress(t.To),
        U64(t.Nonce),
        t.Value?.Value ?? BigInteger.Zero,
        (t.Input ?? "0x").HexToByteArray(),
        U64(t.Gas),
        t.MaxFeePerGas?.Value,
        t.MaxPriorityFeePerGas?.Value,
        t.GasPrice?.Value,
        string.IsNullOrEmpty(t.BlockHash) ? null : Hash32.Parse(t.BlockHash),
        t.BlockNumber is null ? null : U64(t.BlockNumber));

    public static FeeHistory ToFeeHistory(Dto.FeeHistoryResult f) => new(
        U64(f.OldestBlock),
        [.. (f.BaseFeePerGas ?? []).Select(b => b.Value)],
        [.. (f.GasUsedRatio ?? []).Select(r => (double)r)],
        [.. (f.Reward ?? []).Select(row => (IReadOnlyList<BigInteger>)[.. row.Select(r => r.Value)])]);

    private static ulong U64(HexBigInteger? value) =>
        value is null ? throw new FormatException("The node's answer lacks a quantity it must have.") : (ulong)value.Value;

    private static Address? ToAddress(string? text) => string.IsNullOrEmpty(text) ? null : Address.Parse(text.ToLowerInvariant());
}
