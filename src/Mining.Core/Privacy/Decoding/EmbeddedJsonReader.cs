using System.Globalization;
using System.Text;

namespace Mining.Core.Privacy.Decoding;

/// <summary>A small, position-keeping JSON reader for documents embedded in text; it collects string members and gives up on anything that is not JSON.</summary>
/// <remarks>Each character read costs one unit of the budget, so scanning a hostile text stays linear; nesting deeper than 32 is refused.</remarks>
internal sealed class EmbeddedJsonReader(string text, int budget)
{
    private const int MaxDepth = 32;

    private static readonly string[] NameKeys = ["name", "key"];

    private readonly StringBuilder _builder = new();

    private int _budget = budget;

    public bool OutOfBudget => _budget <= 0;

    /// <summary>Reads the object that starts at <paramref name="start"/>; on success <paramref name="end"/> is the index after its closing brace.</summary>
    public bool TryReadObject(int start, List<JsonStringMember> members, out int end)
    {
        end = start;
        var position = start;
        var ok = TryObject(ref position, members, 0, string.Empty, -1, -1);
        if (ok)
        {
            end = position;
        }

        return ok;
    }

    private bool TryValue(ref int position, List<JsonStringMember> members, int depth, string name, int nameStart, int nameEnd)
    {
        SkipSpace(ref position);
        if (position >= text.Length || OutOfBudget)
        {
            return false;
        }

        switch (text[position])
        {
            case '{':
                return TryObject(ref position, members, depth + 1, name, nameStart, nameEnd);
            case '[':
                return TryArray(ref position, members, depth + 1, name, nameStart, nameEnd);
            case '"':
                var valueStart = position;
                if (!TryString(ref position, out var value))
                {
                    return false;
                }

                if (nameStart >= 0)
                {
                    members.Add(new JsonStringMember(name, nameStart, nameEnd, value, valueStart, position));
                }

                return true;
            default:
                return TryLiteral(ref position);
        }
    }

    private bool TryObject(ref int position, List<JsonStringMember> members, int depth, string outerName, int outerStart, int outerEnd)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        position++;
        var first = members.Count;
        SkipSpace(ref position);
        if (position < text.Length && text[position] == '}')
        {
            position++;
            return true;
        }

        while (position < text.Length)
        {
            SkipSpace(ref position);
            var nameStart = position;
            if (position >= text.Length || text[position] != '"' || !TryString(ref position, out var name))
            {
                return false;
            }

            var nameEnd = position;
            SkipSpace(ref position);
            if (position >= text.Length || text[position] != ':')
            {
                return false;
            }

            position++;
            if (!TryValue(ref position, members, depth, name, nameStart, nameEnd))
            {
                return false;
            }

            SkipSpace(ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            if (position < text.Length && text[position] == '}')
            {
                position++;
                AddNameValuePair(members, first);
                return true;
            }

            return false;
        }

        return false;
    }

    private bool TryArray(ref int position, List<JsonStringMember> members, int depth, string name, int nameStart, int nameEnd)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        position++;
        SkipSpace(ref position);
        if (position < text.Length && text[position] == ']')
        {
            position++;
            return true;
        }

        while (position < text.Length)
        {
            if (!TryValue(ref position, members, depth, name, nameStart, nameEnd))
            {
                return false;
            }

            SkipSpace(ref position);
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            if (position < text.Length && text[position] == ']')
            {
                position++;
                return true;
            }

            return false;
        }

        return false;
    }

    /// <summary>An object whose own string members include a name (<c>name</c>/<c>key</c>) and a <c>value</c> reads as that name set to that value too.</summary>
    private static void AddNameValuePair(List<JsonStringMember> members, int first)
    {
        JsonStringMember? name = null;
        JsonStringMember? value = null;
        for (var i = first; i < members.Count; i++)
        {
            var member = members[i];
            if (NameKeys.Contains(member.Name, StringComparer.OrdinalIgnoreCase))
            {
                name = member;
            }
            else if (member.Name.Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                value = member;
            }
        }

        if (name is { } n && value is { } v)
        {
            members.Add(new JsonStringMember(n.Value, n.ValueStart, n.ValueEnd, v.Value, v.ValueStart, v.ValueEnd));
        }
    }

    private bool TryString(ref int position, out string value)
    {
        value = string.Empty;
        var builder = _builder.Clear();
        position++;
        while (position < text.Length && _budget-- > 0)
        {
            var c = text[position];
            if (c == '"')
            {
                position++;
                value = builder.ToString();
                return true;
            }

            if (c < ' ')
            {
                return false;
            }

            if (c != '\\')
            {
                builder.Append(c);
                position++;
                continue;
            }

            if (position + 1 >= text.Length)
            {
                return false;
            }

            var escaped = text[position + 1];
            switch (escaped)
            {
                case '"' or '\\' or '/':
                    builder.Append(escaped);
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'u' when position + 6 <= text.Length
                    && ushort.TryParse(text.AsSpan(position + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    builder.Append((char)unit);
                    position += 4;
                    break;
                default:
                    return false;
            }

            position += 2;
        }

        return false;
    }

    private bool TryLiteral(ref int position)
    {
        var start = position;
        while (position < text.Length && _budget-- > 0 && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '-' or '+' or '.'))
        {
            position++;
        }

        var literal = text.AsSpan(start, position - start);
        return literal is "true" or "false" or "null"
            || double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private void SkipSpace(ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
            _budget--;
        }
    }
}
