using System.Text;

namespace Mining.Core.Privacy.Decoding;

/// <summary>Builds a decoded view out of a parent view: copied stretches, decoded replacements and window breaks.</summary>
internal sealed class ViewBuilder(TextView parent, FindingForm form)
{
    /// <summary>Separates windows taken from lines that are not adjacent: a line break and a character no rule reads across.</summary>
    public const string WindowBreak = "\n\u0001\n";

    private readonly StringBuilder _text = new();
    private readonly List<int> _rawStart = [];
    private readonly List<int> _rawEnd = [];
    private readonly List<bool> _changed = [];
    private bool _joinPending;

    public int Length => _text.Length;

    /// <summary>Copies the parent's characters <c>[start, end)</c> as they are.</summary>
    public void Copy(int start, int end)
    {
        var text = parent.Text;
        for (var i = start; i < end; i++)
        {
            Add(text[i], parent.RawStart(i), parent.RawEnd(i), parent.IsChanged(i));
        }
    }

    /// <summary>Appends decoded characters that stand for the parent's characters <c>[start, end)</c>; empty for a deletion.</summary>
    public void Replace(ReadOnlySpan<char> decoded, int start, int end)
    {
        if (decoded.IsEmpty)
        {
            if (_changed.Count > 0)
            {
                _changed[^1] = true;
            }

            _joinPending = true;
            return;
        }

        Append(decoded, start, end);
    }

    /// <summary>Appends characters that stand for the parent's characters <c>[start, end)</c> (an empty span: a position between them).</summary>
    public void Append(ReadOnlySpan<char> decoded, int start, int end)
    {
        var rawStart = parent.RawStart(start);
        var rawEnd = end > start ? parent.RawEnd(end - 1) : rawStart;
        foreach (var c in decoded)
        {
            Add(c, rawStart, rawEnd, changed: true);
        }
    }

    /// <summary>Ends a window; the next window comes from lines that are not adjacent to this one.</summary>
    public void Break(int parentPosition)
    {
        var raw = parent.RawStart(parentPosition);
        foreach (var c in WindowBreak)
        {
            Add(c, raw, raw, changed: false);
        }

        _joinPending = false;
    }

    public TextView Build() =>
        TextView.Decoded(_text.ToString(), parent.Form | form, parent.Depth + 1, [.. _rawStart], [.. _rawEnd], [.. _changed]);

    private void Add(char c, int rawStart, int rawEnd, bool changed)
    {
        _text.Append(c);
        _rawStart.Add(rawStart);
        _rawEnd.Add(rawEnd);
        _changed.Add(changed || _joinPending);
        _joinPending = false;
    }
}
