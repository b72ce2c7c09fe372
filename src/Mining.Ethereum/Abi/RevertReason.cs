namespace Mining.Ethereum.Abi;

/// <summary>What a revert said.</summary>
public enum RevertKind
{
    /// <summary>No revert data (e.g. <c>revert()</c> or <c>require(cond)</c> without a message).</summary>
    Empty,

    /// <summary><c>Error(string)</c> from <c>require(cond, "message")</c> or <c>revert("message")</c>.</summary>
    Error,

    /// <summary><c>Panic(uint256)</c> from a failed assert, overflow, division by zero...</summary>
    Panic,

    /// <summary>A custom error the caller knows the ABI of.</summary>
    Custom,

    /// <summary>Revert data whose selector is not known.</summary>
    Unknown,
}

/// <summary>A decoded revert: its kind, the error name, its arguments and a human-readable message.</summary>
public sealed record RevertReason(RevertKind Kind, string Name, IReadOnlyList<object> Arguments, string Message, ReadOnlyMemory<byte> Data)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
