using System.Numerics;
using Mining.Ethereum;

namespace Mining.Contracts;

/// <summary>The registry's <c>Claimed</c> event: <see cref="Amount"/> minted, bringing the account's claimed total to <see cref="CumulativeAmount"/>.</summary>
public sealed record ClaimedEvent(Address Account, BigInteger Amount, BigInteger CumulativeAmount, TxHash TransactionHash, ulong BlockNumber);
