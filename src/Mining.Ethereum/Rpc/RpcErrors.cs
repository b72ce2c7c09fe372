using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mining.Ethereum.Abi;

namespace Mining.Ethereum.Rpc;

/// <summary>Maps JSON-RPC error objects of geth, anvil, Nethermind, Erigon and hosted providers to typed exceptions.</summary>
internal static partial class RpcErrors
{
    public static EthereumRpcException Map(string method, JsonElement error, RevertDecoder decoder)
    {
        var code = error.TryGetProperty("code", out var codeElement) && codeElement.TryGetInt32(out var c) ? c : (int?)null;
        var message = error.TryGetProperty("message", out var messageElement) ? messageElement.GetString() ?? string.Empty : string.Empty;
        var lower = message.ToLowerInvariant();

        if (code == 3 || lower.Contains("execution reverted", StringComparison.Ordinal) || lower.Contains("revert", StringComparison.Ordinal) && RevertData(error) is not null)
        {
            var data = RevertData(error);
            var reason = data is not null ? decoder.Decode(data) : ReasonFromMessage(message);
            return new ExecutionRevertedException(method, code, reason);
        }

        if (lower.Contains("insufficient funds", StringComparison.Ordinal))
        {
            var match = GethInsufficientFunds().Match(message);
            return match.Success
                ? new InsufficientFundsException(method, Address.Parse(match.Groups[1].Value.ToLowerInvariant()), Parse(match.Groups[2].Value), Parse(match.Groups[3].Value), message)
                : new InsufficientFundsException(method, null, null, null, message);
        }

        if (lower.Contains("nonce too low", StringComparison.Ordinal) || lower.Contains("nonce has already been used", StringComparison.Ordinal))
        {
            return new NonceTooLowException(method, code, message);
        }

        if (lower.Contains("underpriced", StringComparison.Ordinal) || lower.Contains("replacement fee too low", StringComparison.Ordinal))
        {
            return new ReplacementUnderpricedException(method, code, message);
        }

        if (lower.Contains("already known", StringComparison.Ordinal) || lower.Contains("already imported", StringComparison.Ordinal) || lower.Contains("known transaction", StringComparison.Ordinal))
        {
            return new AlreadyKnownException(method, code, message);
        }

        if (code == -32005 || lower.Contains("rate limit", StringComparison.Ordinal) || lower.Contains("too many requests", StringComparison.Ordinal))
        {
            return new RateLimitedException(method, code, null, message);
        }

        return new EthereumRpcException(method, code, $"{method} failed with JSON-RPC error {code}: {message}");
    }

    private static byte[]? RevertData(JsonElement error)
    {
        if (!error.TryGetProperty("data", out var data))
        {
            return null;
        }

        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("data", out var nested))
        {
            data = nested;
        }

        if (data.ValueKind == JsonValueKind.String && data.GetString() is { } text && text.StartsWith("0x", StringComparison.Ordinal))
        {
            try
            {
                return Hex.Decode(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static RevertReason ReasonFromMessage(string message)
    {
        var prefix = "execution reverted: ";
        var index = message.IndexOf(prefix, StringComparison.OrdinalIgnoreCase);
        var text = index >= 0 ? message[(index + prefix.Length)..] : message;
        return new RevertReason(RevertKind.Error, "Error", [text], text, ReadOnlyMemory<byte>.Empty);
    }

    private static BigInteger Parse(string digits) => BigInteger.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"address (0x[0-9a-fA-F]{40}) have (\d+) want (\d+)")]
    private static partial Regex GethInsufficientFunds();
}
