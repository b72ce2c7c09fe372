using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Mining.Ethereum.Abi;
using Nethereum.JsonRpc.Client.RpcMessages;
using Newtonsoft.Json.Linq;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Rpc;

/// <summary>Maps JSON-RPC error objects of geth, anvil, Nethermind, Erigon and hosted providers to typed exceptions.</summary>
internal static partial class RpcErrors
{
    /// <summary>The typed exception for a node's error answer; reverts are decoded with <see cref="RevertDecoder.BuiltIn"/>
    /// (<see cref="RevertDecoder.DecodeRevertsAsync{T}"/> decodes a contract's custom errors).</summary>
    public static EthereumRpcException Map(string method, RpcError error)
    {
        int? code = error.Code;
        var message = error.Message ?? string.Empty;
        var lower = message.ToLowerInvariant();

        if (code == 3 || lower.Contains("execution reverted", StringComparison.Ordinal) || lower.Contains("revert", StringComparison.Ordinal) && RevertData(error) is not null)
        {
            var data = RevertData(error);
            var reason = data is not null ? RevertDecoder.BuiltIn.Decode(data) : ReasonFromMessage(message);
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

    private static byte[]? RevertData(RpcError error)
    {
        var text = error.Data switch
        {
            JObject nested => nested["data"]?.ToString(),
            JValue value => value.Value?.ToString(),
            string plain => plain,
            _ => null,
        };
        if (text is not null && text.StartsWith("0x", StringComparison.Ordinal))
        {
            try
            {
                return text.HexToByteArray();
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
