using System.Globalization;

namespace Mining.Core.Canonical;

/// <summary>Formats a double exactly as ECMAScript's <c>Number.prototype.toString()</c> does (RFC 8785 section 3.2.2.3).</summary>
/// <remarks>
/// .NET's round-trip format gives the shortest digits that round-trip, which is the digit string ECMAScript picks;
/// only the layout differs (ECMAScript writes plain notation for exponents up to 21 and down to -7,
/// and <c>1e+21</c> rather than <c>1E+21</c>).
/// </remarks>
internal static class EcmaScriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new CanonicalJsonException($"The number {value} cannot be written as JSON: RFC 8785 allows finite numbers only.");
        }

        if (value == 0)
        {
            return "0";
        }

        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = roundTrip[0] == '-';
        var text = negative ? roundTrip.AsSpan(1) : roundTrip.AsSpan();

        var exponent = 0;
        var e = text.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integerDigits = dot < 0 ? text.Length : dot;
        Span<char> digits = stackalloc char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c != '.')
            {
                digits[length++] = c;
            }
        }

        var pointPosition = integerDigits + exponent;
        var start = 0;
        while (start < length - 1 && digits[start] == '0')
        {
            start++;
            pointPosition--;
        }

        var end = length;
        while (end > start + 1 && digits[end - 1] == '0')
        {
            end--;
        }

        return Layout(negative, digits[start..end], pointPosition);
    }

    private static string Layout(bool negative, ReadOnlySpan<char> digits, int n)
    {
        var k = digits.Length;
        var sign = negative ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return string.Concat(sign, digits, new string('0', n - k));
        }

        if (0 < n && n <= 21)
        {
            return string.Concat(sign, digits[..n], ".", digits[n..]);
        }

        if (-6 < n && n <= 0)
        {
            return string.Concat(sign, "0.", new string('0', -n), digits);
        }

        var exponent = n - 1;
        var exponentText = (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? string.Concat(sign, digits, "e", exponentText)
            : string.Concat(sign, digits[..1].ToString(), ".", digits[1..].ToString()) + "e" + exponentText;
    }
}
