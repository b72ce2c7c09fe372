using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Nethereum typed function messages of LearningRegistry, one per ABI function the bindings call (as Nethereum's code
// generator lays them out: one file per contract). Addresses are hex strings and bytes32 are byte[], as Nethereum encodes them.
#pragma warning disable CA1819 // Nethereum's ABI encoder binds byte[] and array properties.
namespace Mining.Contracts.Messages;

/// <summary>The constructor: <c>(address admin, address operator, string tokenName, string tokenSymbol)</c>.</summary>
public sealed class LearningRegistryDeployment() : ContractDeploymentMessage(ContractArtifact.LearningRegistry.BytecodeHex)
{
    [Parameter("address", "admin", 1)] public string Admin { get; set; } = string.Empty;
    [Parameter("address", "operator", 2)] public string Operator { get; set; } = string.Empty;
    [Parameter("string", "tokenName", 3)] public string TokenName { get; set; } = string.Empty;
    [Parameter("string", "tokenSymbol", 4)] public string TokenSymbol { get; set; } = string.Empty;
}

[Function("anchor", "uint256")]
public sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "leafCount", 2)] public uint LeafCount { get; set; }
    [Parameter("bytes32", "manifestDigest", 3)] public byte[] ManifestDigest { get; set; } = [];
    [Parameter("bytes32", "newRewardsRoot", 4)] public byte[] NewRewardsRoot { get; set; } = [];
}

[Function("claim", "uint256")]
public sealed class ClaimFunction : FunctionMessage
{
    [Parameter("address", "account", 1)] public string Account { get; set; } = string.Empty;
    [Parameter("uint256", "cumulativeAmount", 2)] public BigInteger CumulativeAmount { get; set; }
    [Parameter("bytes32[]", "proof", 3)] public List<byte[]> Proof { get; set; } = [];
}

[Function("grantRole")]
public sealed class GrantRoleFunction : FunctionMessage
{
    [Parameter("bytes32", "role", 1)] public byte[] Role { get; set; } = [];
    [Parameter("address", "account", 2)] public string Account { get; set; } = string.Empty;
}

[Function("revokeRole")]
public sealed class RevokeRoleFunction : FunctionMessage
{
    [Parameter("bytes32", "role", 1)] public byte[] Role { get; set; } = [];
    [Parameter("address", "account", 2)] public string Account { get; set; } = string.Empty;
}

[Function("isAnchored", "bool")]
public sealed class IsAnchoredFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
}

[Function("batchOf", typeof(BatchOfOutput))]
public sealed class BatchOfFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)] public byte[] Root { get; set; } = [];
}

[FunctionOutput]
public sealed class BatchOfOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "", 1)] public BatchStruct Batch { get; set; } = new();
}

/// <summary>The registry's <c>Batch</c> struct.</summary>
public sealed class BatchStruct
{
    [Parameter("uint64", "id", 1)] public ulong Id { get; set; }
    [Parameter("uint32", "leafCount", 2)] public uint LeafCount { get; set; }
    [Parameter("uint64", "blockNumber", 3)] public ulong BlockNumber { get; set; }
    [Parameter("uint64", "timestamp", 4)] public ulong Timestamp { get; set; }
}

[Function("verify", "bool")]
public sealed class VerifyFunction : FunctionMessage
{
    [Parameter("bytes32", "leaf", 1)] public byte[] Leaf { get; set; } = [];
    [Parameter("bytes32[]", "proof", 2)] public List<byte[]> Proof { get; set; } = [];
    [Parameter("bytes32", "root", 3)] public byte[] Root { get; set; } = [];
}

[Function("learningLeaf", "bytes32")]
public sealed class LearningLeafFunction : FunctionMessage
{
    [Parameter("bytes", "cid", 1)] public byte[] Cid { get; set; } = [];
}

[Function("rewardLeaf", "bytes32")]
public sealed class RewardLeafFunction : FunctionMessage
{
    [Parameter("address", "account", 1)] public string Account { get; set; } = string.Empty;
    [Parameter("uint256", "cumulativeAmount", 2)] public BigInteger CumulativeAmount { get; set; }
}

[Function("rewardsRoot", "bytes32")]
public sealed class RewardsRootFunction : FunctionMessage;

[Function("batchCount", "uint64")]
public sealed class BatchCountFunction : FunctionMessage;

[Function("claimed", "uint256")]
public sealed class ClaimedFunction : FunctionMessage
{
    [Parameter("address", "account", 1)] public string Account { get; set; } = string.Empty;
}

[Function("token", "address")]
public sealed class TokenFunction : FunctionMessage;

[Function("hasRole", "bool")]
public sealed class HasRoleFunction : FunctionMessage
{
    [Parameter("bytes32", "role", 1)] public byte[] Role { get; set; } = [];
    [Parameter("address", "account", 2)] public string Account { get; set; } = string.Empty;
}
