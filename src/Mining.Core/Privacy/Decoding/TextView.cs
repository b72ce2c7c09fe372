using System.Buffers;

namespace Mining.Core.Privacy.Decoding;

/// <summary>One form of a field's text: the field itself, or a decoded view of some of its lines.</summary>
/// <remarks>
/// Every character of a view knows the span of the field's own text it came from, so a finding in a decoded view is
/// reported (and redacted) at the characters that encode it. A view also marks the characters its decoding produced,
/// so a deeper layer decodes only what the layer above revealed.
/// </remarks>
internal sealed class TextView
{
    private int[]? _rawStart;
    private int[]? _rawEnd;
    private bool[]? _changed;

    private TextView(string text, FindingForm form, int depth, int[]? rawStart, int[]? rawEnd, bool[]? changed)
    {
        Text = text;
        Form = form;
        Depth = depth;
        _rawStart = rawStart;
        _rawEnd = rawEnd;
        _changed = changed;
    }

    public string Text { get; }

    public FindingForm Form { get; }

    /// <summary>How many decoding layers lie between this view and the field's text (0 for the field itself).</summary>
    public int Depth { get; }

    /// <summary>Returns a decoded view's pooled mapping arrays; the view must not be used afterwards.</summary>
    public void Release()
    {
        if (_rawStart is null)
        {
            return;
        }

        ArrayPool<int>.Shared.Return(_rawStart);
        ArrayPool<int>.Shared.Return(_rawEnd!);
        ArrayPool<bool>.Shared.Return(_changed!);
        _rawStart = null;
        _rawEnd = null;
        _changed = null;
    }

    public static TextView Raw(string text) => new(text, FindingForm.Plain, 0, null, null, null);

    public static TextView Decoded(string text, FindingForm form, int depth, int[] rawStart, int[] rawEnd, bool[] changed) =>
        new(text, form, depth, rawStart, rawEnd, changed);

    /// <summary>Start, in the field's text, of the character at <paramref name="index"/> (or of the end, for the view's length).</summary>
    /// <remarks>The mapping arrays may be longer than the text; only the first <c>Text.Length</c> entries count.</remarks>
    public int RawStart(int index) =>
        _rawStart is null ? index : index < Text.Length ? _rawStart[index] : Text.Length == 0 ? 0 : _rawEnd![Text.Length - 1];

    /// <summary>End, in the field's text, of the character at <paramref name="index"/>.</summary>
    public int RawEnd(int index) => _rawEnd is null ? index + 1 : _rawEnd[index];

    /// <summary>Whether the decoding that made this view produced or joined the character at <paramref name="index"/>; false throughout the field's own text.</summary>
    public bool IsChanged(int index) => _changed is not null && index >= 0 && index < Text.Length && _changed[index];

    /// <summary>Writes the mapping of <paramref name="count"/> characters from <paramref name="start"/> into a child view's arrays.</summary>
    public void CopyMapping(int start, int count, Span<int> rawStart, Span<int> rawEnd, Span<bool> changed)
    {
        if (_rawStart is null)
        {
            for (var i = 0; i < count; i++)
            {
                rawStart[i] = start + i;
                rawEnd[i] = start + i + 1;
            }

            changed[..count].Clear();
            return;
        }

        _rawStart.AsSpan(start, count).CopyTo(rawStart);
        _rawEnd!.AsSpan(start, count).CopyTo(rawEnd);
        _changed!.AsSpan(start, count).CopyTo(changed);
    }

    /// <summary>Whether any character of <c>[start, end)</c> (or a neighbour) was produced by decoding.</summary>
    public bool AnyChanged(int start, int end)
    {
        if (_changed is null)
        {
            return false;
        }

        var from = Math.Max(0, start - 1);
        var to = Math.Min(end + 1, Text.Length);
        return from < to && _changed.AsSpan(from, to - from).Contains(true);
    }
}
