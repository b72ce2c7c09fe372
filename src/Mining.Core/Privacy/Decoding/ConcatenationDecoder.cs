using System.Buffers;

namespace Mining.Core.Privacy.Decoding;

/// <summary>
/// String literals joined by <c>+</c> (C#, JavaScript, Java, Python), by <c>&amp;</c> (VB) or placed side by side with
/// white space between them (Python and C adjacent literals, also on the next line, but not across a blank line): the
/// closing quote, the operator and the next opening quote are removed, so the parts read as one literal.
/// </summary>
/// <remarks>
/// An opening quote may carry a prefix of one or two letters such as <c>f</c>, <c>r</c>, <c>b</c>, <c>@</c> or <c>$</c>.
/// An escaped quote (<c>\"</c>) never closes a literal. Both literals use the same quote character, and quotes that touch (<c>""</c>) are not a join: a quote of another kind
/// is one nested in the literal (<c>'say "hi" '</c>), and touching quotes are an empty literal.
/// </remarks>
internal sealed class ConcatenationDecoder : ITextDecoder
{
    private static readonly SearchValues<char> Quotes = SearchValues.Create("\"'`");

    public FindingForm Form => FindingForm.Concatenated;

    public bool ReadsThrough => true;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        var quote = text.AsSpan().IndexOfAny(Quotes);
        if (quote < 0)
        {
            return null;
        }

        var edits = new List<TextEdit>();
        while (quote >= 0)
        {
            var end = JoinEnd(text, quote);
            if (end > 0)
            {
                edits.Add(new TextEdit(quote, end, string.Empty));
            }

            var from = Math.Max(end, quote + 1);
            var next = from < text.Length ? text.AsSpan(from).IndexOfAny(Quotes) : -1;
            quote = next < 0 ? -1 : from + next;
        }

        return EditedView.Build(parent, Form, edits, EditFilter.ChangedLines, readThrough);
    }

    /// <summary>If the quote at <paramref name="close"/> ends a literal that the next one continues, the index after that literal's opening quote; else 0.</summary>
    private static int JoinEnd(string text, int close)
    {
        var backslashes = 0;
        while (close - backslashes > 0 && text[close - backslashes - 1] == '\\')
        {
            backslashes++;
        }

        if (backslashes % 2 == 1)
        {
            return 0;
        }

        var position = SkipSpace(text, close + 1);
        var spaced = position > close + 1 && LineBreaks(text.AsSpan(close + 1, position - close - 1)) <= 1;
        var joined = false;
        if (position < text.Length && text[position] is '+' or '&')
        {
            if (position + 1 < text.Length && text[position + 1] is '+' or '&' or '=')
            {
                return 0;
            }

            position = SkipSpace(text, position + 1);
            joined = true;
        }

        var prefix = 0;
        while (prefix < 2 && position + prefix < text.Length && text[position + prefix] is 'f' or 'F' or 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or '@' or '$')
        {
            prefix++;
        }

        var open = position + prefix;
        return open < text.Length && text[open] == text[close] && (joined || spaced) ? open + 1 : 0;
    }

    /// <summary>Skips white space, also written as escapes (<c>\n</c>, <c>\t</c>, <c>\r</c>) when the code sits inside another string literal.</summary>
    private static int SkipSpace(string text, int position)
    {
        while (position < text.Length)
        {
            if (text[position] is ' ' or '\t' or '\r' or '\n')
            {
                position++;
            }
            else if (text[position] == '\\' && position + 1 < text.Length && text[position + 1] is 'n' or 't' or 'r')
            {
                position += 2;
            }
            else
            {
                break;
            }
        }

        return position;
    }

    private static int LineBreaks(ReadOnlySpan<char> space) => space.Count('\n') + space.Count("\\n");
}
