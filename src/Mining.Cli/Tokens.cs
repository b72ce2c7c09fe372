using System.Globalization;
using System.Numerics;

namespace Mining.Cli;

/// <summary>Token amounts: the API gives base units (18 decimals) as decimal strings; people read whole tokens.</summary>
internal static class Tokens
{
    private static readonly BigInteger One = BigInteger.Pow(10, 18);

    /// <summary><c>1500000000000000000</c> reads <c>1.5 tokens (1500000000000000000 base units)</c>.</summary>
    public static string Format(string? baseUnits)
    {
        if (!BigInteger.TryParse(baseUnits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return baseUnits ?? "?";
        }

        var whole = BigInteger.DivRem(amount, One, out var fraction);
        var decimals = fraction.IsZero ? string.Empty : "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0').TrimEnd('0');
        return $"{whole.ToString(CultureInfo.InvariantCulture)}{decimals} tokens ({amount.ToString(CultureInfo.InvariantCulture)} base units)";
    }
}
