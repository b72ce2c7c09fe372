using System.Numerics;
using Mining.Ethereum.Abi;

namespace Mining.Ethereum.Sending;

/// <summary>What to send: the recipient (null to create a contract), call data and value; the manager picks nonce, gas and fees.</summary>
public sealed record TransactionRequest(Address? To, ReadOnlyMemory<byte> Data)
{
    /// <summary>Wei to transfer.</summary>
    public BigInteger Value { get; init; }

    /// <summary>A fixed gas limit; null to estimate it (with the configured headroom).</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>Decodes the target contract's custom errors when the gas estimate reverts.</summary>
    public RevertDecoder? Errors { get; init; }

    /// <summary>
    /// Names the operation this transaction performs (e.g. one batch's anchor). Preparing again under the same key gets the
    /// same nonce back while the chain has not used it, so a caller that crashed after preparing but before storing the
    /// signed transaction leaves no gap: it prepares again and signs at the nonce it was given. Null: a new nonce each time.
    /// </summary>
    public string? OperationKey { get; init; }
}
