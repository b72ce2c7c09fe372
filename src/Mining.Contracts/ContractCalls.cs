using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Mining.Ethereum;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Contracts;

/// <summary>Encodes Nethereum function messages into transaction requests and <c>eth_call</c>s, and decodes logs into event DTOs.</summary>
internal static class ContractCalls
{
    public static TransactionRequest Request<TFunction>(Address contract, TFunction message, RevertDecoder errors)
        where TFunction : FunctionMessage => new(contract, message.GetCallData()) { Errors = errors };

    /// <summary>Calls a view whose single output is a simple type (bool, uint, bytes32 as byte[], address as string, string).</summary>
    public static async Task<TOutput> CallAsync<TFunction, TOutput>(EthRpcClient rpc, Address contract, TFunction message, RevertDecoder errors, CancellationToken cancellationToken)
        where TFunction : FunctionMessage
    {
        var output = await CallAsync(rpc, message.CreateCallInput(contract.ToString()), errors, cancellationToken);
        var outputParameter = ABITypedRegistry.GetFunctionABI<TFunction>().OutputParameters[0];
        return new FunctionCallDecoder().DecodeSimpleTypeOutput<TOutput>(outputParameter, output);
    }

    /// <summary>Calls a view whose output is a Nethereum output DTO (structs).</summary>
    public static async Task<TOutput> CallForDtoAsync<TFunction, TOutput>(EthRpcClient rpc, Address contract, TFunction message, RevertDecoder errors, CancellationToken cancellationToken)
        where TFunction : FunctionMessage
        where TOutput : IFunctionOutputDTO, new()
    {
        var output = await CallAsync(rpc, message.CreateCallInput(contract.ToString()), errors, cancellationToken);
        return new FunctionCallDecoder().DecodeFunctionOutput<TOutput>(output);
    }

    /// <summary><c>eth_call</c> at the latest block; a revert throws <see cref="ExecutionRevertedException"/> decoded with <paramref name="errors"/>.</summary>
    public static Task<string> CallAsync(EthRpcClient rpc, CallInput call, RevertDecoder errors, CancellationToken cancellationToken) =>
        errors.DecodeRevertsAsync(rpc.Eth.Transactions.Call.SendRequestAsync(call, BlockParameter.CreateLatest())).WaitAsync(cancellationToken);

    /// <summary>The event's topic 0 (keccak of its signature).</summary>
    public static Hash32 Topic<TEvent>()
        where TEvent : IEventDTO => Hash32.Parse("0x" + EventExtensions.GetEventABI<TEvent>().Sha3Signature.Replace("0x", string.Empty, StringComparison.Ordinal));

    /// <summary>Decodes a log into <typeparamref name="TEvent"/>; null when the log is another event.</summary>
    public static TEvent? Decode<TEvent>(FilterLog log)
        where TEvent : class, IEventDTO, new()
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Topics is { Length: > 0 } && log.IsLogForEvent<TEvent>() ? log.DecodeEvent<TEvent>().Event : null;
    }
}
