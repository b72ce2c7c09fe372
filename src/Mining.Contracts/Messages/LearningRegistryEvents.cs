using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

#pragma warning disable CA1819 // Nethereum's ABI decoder binds byte[] properties.
namespace Mining.Contracts.Messages;

/// <summary><c>BatchAnchored(uint256 indexed batchId, bytes32 indexed root, uint32 leafCount, bytes32 manifestDigest, bytes32 rewardsRoot)</c>.</summary>
[Event("BatchAnchored")]
public sealed class BatchAnchoredEventDto : IEventDTO
{
    [Parameter("uint256", "batchId", 1, true)] public BigInteger BatchId { get; set; }
    [Parameter("bytes32", "root", 2, true)] public byte[] Root { get; set; } = [];
    [Parameter("uint32", "leafCount", 3, false)] public uint LeafCount { get; set; }
    [Parameter("bytes32", "manifestDigest", 4, false)] public byte[] ManifestDigest { get; set; } = [];
    [Parameter("bytes32", "rewardsRoot", 5, false)] public byte[] RewardsRoot { get; set; } = [];
}

/// <summary><c>Claimed(address indexed account, uint256 amount, uint256 cumulativeAmount)</c>.</summary>
[Event("Claimed")]
public sealed class ClaimedEventDto : IEventDTO
{
    [Parameter("address", "account", 1, true)] public string Account { get; set; } = string.Empty;
    [Parameter("uint256", "amount", 2, false)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "cumulativeAmount", 3, false)] public BigInteger CumulativeAmount { get; set; }
}
