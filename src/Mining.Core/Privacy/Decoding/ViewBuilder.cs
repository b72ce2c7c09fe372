using System.Buffers;

namespace Mining.Core.Privacy.Decoding;

/// <summary>Builds a decoded view out of a parent view: copied stretches, decoded replacements and window breaks.</summary>
internal sealed class ViewBuilder(TextView parent, FindingForm form, int capacity = 256)
{
    /// <summary>Separates windows taken from lines that are not adjacent: a line break and a character no rule reads across.</summary>
    public const string WindowBreak = "\n\u0001\n";

    private char[] _text = ArrayPool<char>.Shared.Rent(Math.Max(16, capacity));
    private int[] _rawStart = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
    private int[] _rawEnd = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
    private bool[] _changed = ArrayPool<bool>.Shared.Rent(Math.Max(16, capacity));
    private int _length;
    private bool _joinPending;

    public int Length => _length;

    /// <summary>Copies the parent's characters <c>[start, end)</c> as they are.</summary>
    public void Copy(int start, int end)
    {
        var count = end - start;
        if (count <= 0)
        {
            return;
        }

        Reserve(count);
        parent.Text.AsSpan(start, count).CopyTo(_text.AsSpan(_length));
        parent.CopyMapping(start, count, _rawStart.AsSpan(_length), _rawEnd.AsSpan(_length), _changed.AsSpan(_length));
        if (_joinPending)
        {
            _changed[_length] = true;
            _joinPending = false;
        }

        _length += count;
    }

    /// <summary>Appends decoded characters that stand for the parent's characters <c>[start, end)</c>; empty for a deletion.</summary>
    public void Replace(ReadOnlySpan<char> decoded, int start, int end)
    {
        if (decoded.IsEmpty)
        {
            if (_length > 0)
            {
                _changed[_length - 1] = true;
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
        Add(decoded, rawStart, rawEnd, changed: true);
    }

    /// <summary>Ends a window; the next window comes from lines that are not adjacent to this one.</summary>
    public void Break(int parentPosition)
    {
        var raw = parent.RawStart(parentPosition);
        Add(WindowBreak, raw, raw, changed: false);
        _joinPending = false;
    }

    /// <summary>The view; its mapping arrays are pooled and go back to the pool when the view is released.</summary>
    public TextView Build()
    {
        var text = new string(_text, 0, _length);
        ArrayPool<char>.Shared.Return(_text);
        return TextView.Decoded(text, parent.Form | form, parent.Depth + 1, _rawStart, _rawEnd, _changed);
    }

    private void Add(ReadOnlySpan<char> chars, int rawStart, int rawEnd, bool changed)
    {
        Reserve(chars.Length);
        chars.CopyTo(_text.AsSpan(_length));
        _rawStart.AsSpan(_length, chars.Length).Fill(rawStart);
        _rawEnd.AsSpan(_length, chars.Length).Fill(rawEnd);
        _changed.AsSpan(_length, chars.Length).Fill(changed);
        if (_joinPending)
        {
            _changed[_length] = true;
            _joinPending = false;
        }

        _length += chars.Length;
    }

    private void Reserve(int count)
    {
        if (_length + count <= _text.Length)
        {
            return;
        }

        var size = Math.Max(_length + count, _text.Length * 2);
        _text = Grow(_text, size, _length);
        _rawStart = Grow(_rawStart, size, _length);
        _rawEnd = Grow(_rawEnd, size, _length);
        _changed = Grow(_changed, size, _length);
    }

    private static T[] Grow<T>(T[] array, int size, int used)
    {
        var grown = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan(0, used).CopyTo(grown);
        ArrayPool<T>.Shared.Return(array);
        return grown;
    }
}
