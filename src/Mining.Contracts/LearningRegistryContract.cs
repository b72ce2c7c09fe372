using System.Numerics;
using Mining.Contracts.Messages;
using Mining.Ethereum;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace Mining.Contracts;

/// <summary>Typed binding of a deployed <c>LearningRegistry</c>, over Nethereum function messages and event DTOs.</summary>
/// <remarks>
/// Reads go through <c>eth_call</c>; writes are returned as <see cref="TransactionRequest"/>s for the transaction manager,
/// so nonce, fees, replacement and confirmation are handled in one place. Reverts are decoded with the registry's
/// custom errors (<c>InvalidProof</c>, <c>NothingToClaim</c>, <c>AlreadyAnchored</c>, AccessControl's errors...).
/// </remarks>
public sealed class LearningRegistryContract
{
    private readonly EthRpcClient _rpc;

    public LearningRegistryContract(EthRpcClient rpc, Address address)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        Address = address;
    }

    /// <summary>The registry's address.</summary>
    public Address Address { get; }

    /// <summary>keccak256("OPERATOR_ROLE").</summary>
    public static Hash32 OperatorRole { get; } = new(Sha3Keccack.Current.CalculateHash("OPERATOR_ROLE"u8.ToArray()));

    /// <summary>AccessControl's DEFAULT_ADMIN_ROLE (zero).</summary>
    public static Hash32 AdminRole => Hash32.Zero;

    /// <summary>Decodes the registry's reverts.</summary>
    public static RevertDecoder Errors { get; } = RevertDecoder.FromAbi(ContractArtifact.LearningRegistry.AbiJson);

    /// <summary>Topic 0 of <c>BatchAnchored</c>.</summary>
    public static Hash32 BatchAnchoredTopic { get; } = ContractCalls.Topic<BatchAnchoredEventDto>();

    /// <summary>Topic 0 of <c>Claimed</c>.</summary>
    public static Hash32 ClaimedTopic { get; } = ContractCalls.Topic<ClaimedEventDto>();

    /// <summary>A transaction anchoring <paramref name="root"/> (and publishing <paramref name="rewardsRoot"/> unless zero).</summary>
    public TransactionRequest Anchor(Hash32 root, uint leafCount, Hash32 manifestDigest, Hash32 rewardsRoot) => ContractCalls.Request(Address,
        new AnchorFunction { Root = root.ToByteArray(), LeafCount = leafCount, ManifestDigest = manifestDigest.ToByteArray(), NewRewardsRoot = rewardsRoot.ToByteArray() }, Errors);

    /// <summary>A transaction claiming <paramref name="account"/>'s rewards up to <paramref name="cumulativeAmount"/>.</summary>
    public TransactionRequest Claim(Address account, BigInteger cumulativeAmount, IReadOnlyList<Hash32> proof) => ContractCalls.Request(Address,
        new ClaimFunction { Account = account.ToString(), CumulativeAmount = cumulativeAmount, Proof = [.. proof.Select(p => p.ToByteArray())] }, Errors);

    /// <summary>A transaction granting <paramref name="role"/> to <paramref name="account"/> (sender must hold the role's admin role).</summary>
    public TransactionRequest GrantRole(Hash32 role, Address account) =>
        ContractCalls.Request(Address, new GrantRoleFunction { Role = role.ToByteArray(), Account = account.ToString() }, Errors);

    /// <summary>A transaction revoking <paramref name="role"/> from <paramref name="account"/>.</summary>
    public TransactionRequest RevokeRole(Hash32 role, Address account) =>
        ContractCalls.Request(Address, new RevokeRoleFunction { Role = role.ToByteArray(), Account = account.ToString() }, Errors);

    public Task<bool> IsAnchoredAsync(Hash32 root, CancellationToken cancellationToken = default) =>
        CallAsync<IsAnchoredFunction, bool>(new() { Root = root.ToByteArray() }, cancellationToken);

    /// <summary>The batch recorded for <paramref name="root"/>, or null when it is not anchored.</summary>
    public async Task<BatchRecord?> GetBatchAsync(Hash32 root, CancellationToken cancellationToken = default)
    {
        var batch = (await ContractCalls.CallForDtoAsync<BatchOfFunction, BatchOfOutput>(_rpc, Address, new() { Root = root.ToByteArray() }, Errors, cancellationToken)).Batch;
        return batch.Id == 0 ? null : new BatchRecord(batch.Id, batch.LeafCount, batch.BlockNumber, DateTimeOffset.FromUnixTimeSeconds((long)batch.Timestamp));
    }

    /// <summary>True when <paramref name="root"/> is anchored and <paramref name="proof"/> shows <paramref name="leaf"/> in it.</summary>
    public Task<bool> VerifyAsync(Hash32 leaf, IReadOnlyList<Hash32> proof, Hash32 root, CancellationToken cancellationToken = default) =>
        CallAsync<VerifyFunction, bool>(new() { Leaf = leaf.ToByteArray(), Proof = [.. proof.Select(p => p.ToByteArray())], Root = root.ToByteArray() }, cancellationToken);

    /// <summary>The contract's leaf for a binary CID.</summary>
    public async Task<Hash32> LearningLeafAsync(ReadOnlyMemory<byte> cid, CancellationToken cancellationToken = default) =>
        new(await CallAsync<LearningLeafFunction, byte[]>(new() { Cid = cid.ToArray() }, cancellationToken));

    /// <summary>The contract's leaf for a cumulative reward.</summary>
    public async Task<Hash32> RewardLeafAsync(Address account, BigInteger cumulativeAmount, CancellationToken cancellationToken = default) =>
        new(await CallAsync<RewardLeafFunction, byte[]>(new() { Account = account.ToString(), CumulativeAmount = cumulativeAmount }, cancellationToken));

    public async Task<Hash32> RewardsRootAsync(CancellationToken cancellationToken = default) =>
        new(await CallAsync<RewardsRootFunction, byte[]>(new(), cancellationToken));

    public Task<ulong> BatchCountAsync(CancellationToken cancellationToken = default) =>
        CallAsync<BatchCountFunction, ulong>(new(), cancellationToken);

    /// <summary>The cumulative amount <paramref name="account"/> has claimed.</summary>
    public Task<BigInteger> ClaimedAsync(Address account, CancellationToken cancellationToken = default) =>
        CallAsync<ClaimedFunction, BigInteger>(new() { Account = account.ToString() }, cancellationToken);

    /// <summary>The reward token's address.</summary>
    public async Task<Address> TokenAsync(CancellationToken cancellationToken = default) =>
        Address.Parse((await CallAsync<TokenFunction, string>(new(), cancellationToken)).ToLowerInvariant());

    public Task<bool> HasRoleAsync(Hash32 role, Address account, CancellationToken cancellationToken = default) =>
        CallAsync<HasRoleFunction, bool>(new() { Role = role.ToByteArray(), Account = account.ToString() }, cancellationToken);

    /// <summary>Simulates a call from <paramref name="from"/> (for a dry run before sending); a revert throws <see cref="ExecutionRevertedException"/> with the decoded error.</summary>
    public async Task<byte[]> SimulateAsync(TransactionRequest request, Address from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new CallInput { From = from.ToString(), To = request.To?.ToString(), Data = request.Data.Span.ToArray().ToHex(true), Value = new HexBigInteger(request.Value) };
        return (await ContractCalls.CallAsync(_rpc, call, Errors, cancellationToken)).HexToByteArray();
    }

    /// <summary>The <c>BatchAnchored</c> events in a block range.</summary>
    public async Task<IReadOnlyList<BatchAnchoredEvent>> GetBatchAnchoredEventsAsync(BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken = default)
    {
        var logs = await GetLogsAsync<BatchAnchoredEventDto>(fromBlock, toBlock, cancellationToken);
        return logs.Select(TryDecodeBatchAnchored).OfType<BatchAnchoredEvent>().ToList();
    }

    /// <summary>The <c>Claimed</c> events in a block range, in chain order.</summary>
    public async Task<IReadOnlyList<ClaimedEvent>> GetClaimedEventsAsync(BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken = default)
    {
        var logs = await GetLogsAsync<ClaimedEventDto>(fromBlock, toBlock, cancellationToken);
        return logs.Select(TryDecodeClaimed).OfType<ClaimedEvent>().ToList();
    }

    /// <summary>Decodes a <c>BatchAnchored</c> log; null for any other log.</summary>
    public static BatchAnchoredEvent? TryDecodeBatchAnchored(FilterLog log) => ContractCalls.Decode<BatchAnchoredEventDto>(log) is { } e
        ? new BatchAnchoredEvent((ulong)e.BatchId, new Hash32(e.Root), e.LeafCount, new Hash32(e.ManifestDigest), new Hash32(e.RewardsRoot), TxHash.Parse(log.TransactionHash), (ulong)log.BlockNumber.Value, Hash32.Parse(log.BlockHash))
        : null;

    /// <summary>Decodes a <c>Claimed</c> log; null for any other log.</summary>
    public static ClaimedEvent? TryDecodeClaimed(FilterLog log) => ContractCalls.Decode<ClaimedEventDto>(log) is { } e
        ? new ClaimedEvent(Address.Parse(e.Account.ToLowerInvariant()), e.Amount, e.CumulativeAmount, TxHash.Parse(log.TransactionHash), (ulong)log.BlockNumber.Value)
        : null;

    /// <summary>The events of the given <see cref="ContractCalls.Topic{TEvent}"/> from the registry in a block range.</summary>
    private Task<FilterLog[]> GetLogsAsync<TEvent>(BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken)
        where TEvent : IEventDTO =>
        _rpc.Eth.Filters.GetLogs.SendRequestAsync(EventExtensions.GetEventABI<TEvent>().CreateFilterInput(Address.ToString(), fromBlock, toBlock)).WaitAsync(cancellationToken);

    private Task<TOutput> CallAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : Nethereum.Contracts.FunctionMessage => ContractCalls.CallAsync<TFunction, TOutput>(_rpc, Address, message, Errors, cancellationToken);
}
