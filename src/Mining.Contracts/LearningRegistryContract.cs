using System.Numerics;
using Mining.Ethereum;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Crypto;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;

namespace Mining.Contracts;

/// <summary>Typed binding of a deployed <c>LearningRegistry</c>.</summary>
/// <remarks>
/// Reads go through <c>eth_call</c>; writes are returned as <see cref="TransactionRequest"/>s for the transaction manager,
/// so nonce, fees, replacement and confirmation are handled in one place. Reverts are decoded with the registry's
/// custom errors (<c>InvalidProof</c>, <c>NothingToClaim</c>, <c>AlreadyAnchored</c>, AccessControl's errors...).
/// </remarks>
public sealed class LearningRegistryContract
{
    private static readonly AbiDefinition Abi = ContractArtifact.LearningRegistry.Abi;
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
    public static Hash32 OperatorRole { get; } = Keccak256.HashToWord("OPERATOR_ROLE"u8);

    /// <summary>AccessControl's DEFAULT_ADMIN_ROLE (zero).</summary>
    public static Hash32 AdminRole => Hash32.Zero;

    /// <summary>Decodes the registry's reverts.</summary>
    public static RevertDecoder Errors => Abi.RevertDecoder;

    /// <summary>The <c>BatchAnchored</c> event ABI.</summary>
    public static AbiEvent BatchAnchoredAbi { get; } = Abi.Event("BatchAnchored");

    /// <summary>The <c>Claimed</c> event ABI.</summary>
    public static AbiEvent ClaimedAbi { get; } = Abi.Event("Claimed");

    /// <summary>A transaction anchoring <paramref name="root"/> (and publishing <paramref name="rewardsRoot"/> unless zero).</summary>
    public TransactionRequest Anchor(Hash32 root, uint leafCount, Hash32 manifestDigest, Hash32 rewardsRoot) =>
        new(Address, Abi.Function("anchor").EncodeCall(root, leafCount, manifestDigest, rewardsRoot)) { Errors = Errors };

    /// <summary>A transaction claiming <paramref name="account"/>'s rewards up to <paramref name="cumulativeAmount"/>.</summary>
    public TransactionRequest Claim(Address account, BigInteger cumulativeAmount, IReadOnlyList<Hash32> proof) =>
        new(Address, Abi.Function("claim").EncodeCall(account, cumulativeAmount, proof.Cast<object>().ToList())) { Errors = Errors };

    /// <summary>A transaction granting <paramref name="role"/> to <paramref name="account"/> (sender must hold the role's admin role).</summary>
    public TransactionRequest GrantRole(Hash32 role, Address account) =>
        new(Address, Abi.Function("grantRole").EncodeCall(role, account)) { Errors = Errors };

    /// <summary>A transaction revoking <paramref name="role"/> from <paramref name="account"/>.</summary>
    public TransactionRequest RevokeRole(Hash32 role, Address account) =>
        new(Address, Abi.Function("revokeRole").EncodeCall(role, account)) { Errors = Errors };

    public async Task<bool> IsAnchoredAsync(Hash32 root, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("isAnchored", cancellationToken, root))[0];

    /// <summary>The batch recorded for <paramref name="root"/>, or null when it is not anchored.</summary>
    public async Task<BatchRecord?> GetBatchAsync(Hash32 root, CancellationToken cancellationToken = default)
    {
        var fields = (IReadOnlyList<object>)(await CallAsync("batchOf", cancellationToken, root))[0];
        var id = (ulong)(BigInteger)fields[0];
        return id == 0
            ? null
            : new BatchRecord(id, (uint)(BigInteger)fields[1], (ulong)(BigInteger)fields[2], DateTimeOffset.FromUnixTimeSeconds((long)(BigInteger)fields[3]));
    }

    /// <summary>True when <paramref name="root"/> is anchored and <paramref name="proof"/> shows <paramref name="leaf"/> in it.</summary>
    public async Task<bool> VerifyAsync(Hash32 leaf, IReadOnlyList<Hash32> proof, Hash32 root, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("verify", cancellationToken, leaf, proof.Cast<object>().ToList(), root))[0];

    /// <summary>The contract's leaf for a binary CID.</summary>
    public async Task<Hash32> LearningLeafAsync(ReadOnlyMemory<byte> cid, CancellationToken cancellationToken = default) =>
        new((byte[])(await CallAsync("learningLeaf", cancellationToken, cid))[0]);

    /// <summary>The contract's leaf for a cumulative reward.</summary>
    public async Task<Hash32> RewardLeafAsync(Address account, BigInteger cumulativeAmount, CancellationToken cancellationToken = default) =>
        new((byte[])(await CallAsync("rewardLeaf", cancellationToken, account, cumulativeAmount))[0]);

    public async Task<Hash32> RewardsRootAsync(CancellationToken cancellationToken = default) =>
        new((byte[])(await CallAsync("rewardsRoot", cancellationToken))[0]);

    public async Task<ulong> BatchCountAsync(CancellationToken cancellationToken = default) =>
        (ulong)(BigInteger)(await CallAsync("batchCount", cancellationToken))[0];

    /// <summary>The cumulative amount <paramref name="account"/> has claimed.</summary>
    public async Task<BigInteger> ClaimedAsync(Address account, CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("claimed", cancellationToken, account))[0];

    /// <summary>The reward token's address.</summary>
    public async Task<Address> TokenAsync(CancellationToken cancellationToken = default) =>
        (Address)(await CallAsync("token", cancellationToken))[0];

    public async Task<bool> HasRoleAsync(Hash32 role, Address account, CancellationToken cancellationToken = default) =>
        (bool)(await CallAsync("hasRole", cancellationToken, role, account))[0];

    /// <summary>Simulates a call from <paramref name="from"/> (for a dry run before sending); a revert throws <see cref="ExecutionRevertedException"/> with the decoded error.</summary>
    public Task<byte[]> SimulateAsync(TransactionRequest request, Address from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _rpc.CallAsync(new CallRequest(request.To, request.Data) { From = from, Value = request.Value }, BlockParameter.Latest, Errors, cancellationToken);
    }

    /// <summary>The <c>BatchAnchored</c> events in a block range.</summary>
    public async Task<IReadOnlyList<BatchAnchoredEvent>> GetBatchAnchoredEventsAsync(BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken = default)
    {
        var logs = await _rpc.GetLogsAsync(new LogFilter(fromBlock, toBlock, Address, [BatchAnchoredAbi.Topic]), cancellationToken);
        return logs.Select(TryDecodeBatchAnchored).OfType<BatchAnchoredEvent>().ToList();
    }

    /// <summary>The <c>Claimed</c> events in a block range, in chain order.</summary>
    public async Task<IReadOnlyList<ClaimedEvent>> GetClaimedEventsAsync(BlockParameter fromBlock, BlockParameter toBlock, CancellationToken cancellationToken = default)
    {
        var logs = await _rpc.GetLogsAsync(new LogFilter(fromBlock, toBlock, Address, [ClaimedAbi.Topic]), cancellationToken);
        return logs.Select(TryDecodeClaimed).OfType<ClaimedEvent>().ToList();
    }

    /// <summary>Decodes a <c>BatchAnchored</c> log; null for any other log.</summary>
    public static BatchAnchoredEvent? TryDecodeBatchAnchored(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Topics.Count == 0 || log.Topics[0] != BatchAnchoredAbi.Topic)
        {
            return null;
        }

        var e = BatchAnchoredAbi.Decode(log.Topics, log.Data.Span);
        return new BatchAnchoredEvent(
            (ulong)e.Get<BigInteger>("batchId"),
            new Hash32(e.Get<byte[]>("root")),
            (uint)e.Get<BigInteger>("leafCount"),
            new Hash32(e.Get<byte[]>("manifestDigest")),
            new Hash32(e.Get<byte[]>("rewardsRoot")),
            log.TransactionHash,
            log.BlockNumber,
            log.BlockHash);
    }

    /// <summary>Decodes a <c>Claimed</c> log; null for any other log.</summary>
    public static ClaimedEvent? TryDecodeClaimed(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Topics.Count == 0 || log.Topics[0] != ClaimedAbi.Topic)
        {
            return null;
        }

        var e = ClaimedAbi.Decode(log.Topics, log.Data.Span);
        return new ClaimedEvent(e.Get<Address>("account"), e.Get<BigInteger>("amount"), e.Get<BigInteger>("cumulativeAmount"), log.TransactionHash, log.BlockNumber);
    }

    private async Task<IReadOnlyList<object>> CallAsync(string function, CancellationToken cancellationToken, params object?[] arguments)
    {
        var abi = Abi.Function(function);
        var output = await _rpc.CallAsync(new CallRequest(Address, abi.EncodeCall(arguments)), BlockParameter.Latest, Errors, cancellationToken);
        return abi.DecodeOutput(output);
    }
}
