using System.Globalization;
using System.Text;

namespace Mining.Core.Privacy.Decoding;

/// <summary>
/// String escapes of JSON, C#, JavaScript, Python and shell: <c>\n \r \t \" \' \\ \/ \` \$</c>, <c>\uXXXX</c>,
/// <c>\u{X…}</c>, <c>\UXXXXXXXX</c>, <c>\xXX</c>, and a backslash before a line break (line continuation).
/// </summary>
/// <remarks>Any other backslash (<c>\d</c> in a regex, <c>\Users</c> in a path) stays as it is.</remarks>
internal sealed class EscapeDecoder : ITextDecoder
{
    public FindingForm Form => FindingForm.Escaped;

    public bool ReadsThrough => true;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        var backslash = text.IndexOf('\\', StringComparison.Ordinal);
        if (backslash < 0)
        {
            return null;
        }

        var edits = new List<TextEdit>();
        while (backslash >= 0 && backslash + 1 < text.Length)
        {
            var (length, decoded) = Escape(text, backslash);
            if (length > 0)
            {
                edits.Add(new TextEdit(backslash, backslash + length, decoded, Opaque: length > 3));
            }

            var next = backslash + Math.Max(length, 1);
            var found = next < text.Length ? text.IndexOf('\\', next) : -1;
            backslash = found;
        }

        return EditedView.Build(parent, Form, edits, EditFilter.ChangedLines, readThrough);
    }

    /// <summary>Length of the escape sequence at <paramref name="at"/> and what it stands for; length 0 when it is none.</summary>
    private static (int Length, string Decoded) Escape(string text, int at)
    {
        var c = text[at + 1];
        return c switch
        {
            'n' => (2, "\n"),
            'r' => (2, "\r"),
            't' => (2, "\t"),
            '"' => (2, "\""),
            '\'' => (2, "'"),
            '\\' => (2, "\\"),
            '/' => (2, "/"),
            '`' => (2, "`"),
            '$' => (2, "$"),
            '\n' => (2, string.Empty),
            '\r' when at + 2 < text.Length && text[at + 2] == '\n' => (3, string.Empty),
            'u' when at + 2 < text.Length && text[at + 2] == '{' => Braced(text, at),
            'u' => Hex(text, at, 4),
            'U' => Hex(text, at, 8),
            'x' => Hex(text, at, 2),
            _ => (0, string.Empty),
        };
    }

    private static (int Length, string Decoded) Hex(string text, int at, int digits)
    {
        if (at + 2 + digits > text.Length
            || !int.TryParse(text.AsSpan(at + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return (0, string.Empty);
        }

        return (2 + digits, CodePoint(value));
    }

    private static (int Length, string Decoded) Braced(string text, int at)
    {
        var close = text.IndexOf('}', at + 3);
        if (close < 0 || close - at - 3 is < 1 or > 6
            || !int.TryParse(text.AsSpan(at + 3, close - at - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return (0, string.Empty);
        }

        return (close + 1 - at, CodePoint(value));
    }

    /// <summary>The code point as UTF-16; a lone surrogate stays a lone char (two <c>\u</c> escapes make a pair), out-of-range values become U+FFFD.</summary>
    private static string CodePoint(int value) =>
        value <= 0xFFFF ? ((char)value).ToString()
        : Rune.IsValid(value) ? new Rune(value).ToString()
        : "\uFFFD";
}
