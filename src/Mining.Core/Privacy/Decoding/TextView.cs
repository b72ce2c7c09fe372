namespace Mining.Core.Privacy.Decoding;

/// <summary>One form of a field's text: the field itself, or a decoded view of some of its lines.</summary>
/// <remarks>
/// Every character of a view knows the span of the field's own text it came from, so a finding in a decoded view is
/// reported (and redacted) at the characters that encode it. A view also marks the characters its decoding produced,
/// so a deeper layer decodes only what the layer above revealed.
/// </remarks>
internal sealed class TextView
{
    private readonly int[]? _rawStart;
    private readonly int[]? _rawEnd;
    private readonly bool[]? _changed;

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

    public static TextView Raw(string text) => new(text, FindingForm.Plain, 0, null, null, null);

    public static TextView Decoded(string text, FindingForm form, int depth, int[] rawStart, int[] rawEnd, bool[] changed) =>
        new(text, form, depth, rawStart, rawEnd, changed);

    /// <summary>Start, in the field's text, of the character at <paramref name="index"/> (or of the end, for the view's length).</summary>
    public int RawStart(int index) =>
        _rawStart is null ? index : index < _rawStart.Length ? _rawStart[index] : _rawStart.Length == 0 ? 0 : _rawEnd![^1];

    /// <summary>End, in the field's text, of the character at <paramref name="index"/>.</summary>
    public int RawEnd(int index) => _rawEnd is null ? index + 1 : _rawEnd[index];

    /// <summary>Whether the decoding that made this view produced or joined the character at <paramref name="index"/>; false throughout the field's own text.</summary>
    public bool IsChanged(int index) => _changed is not null && index >= 0 && index < _changed.Length && _changed[index];

    /// <summary>Whether any character of <c>[start, end)</c> (or a neighbour) was produced by decoding.</summary>
    public bool AnyChanged(int start, int end)
    {
        if (_changed is null)
        {
            return false;
        }

        for (var i = Math.Max(0, start - 1); i <= end && i < _changed.Length; i++)
        {
            if (_changed[i])
            {
                return true;
            }
        }

        return false;
    }
}
