using System.Buffers;

namespace Mining.Core.Privacy.Decoding;

/// <summary>Invisible characters (zero-width spaces and joiners, soft hyphens, BOM) removed, so a secret split by them reads whole.</summary>
internal sealed class InvisibleCharacterDecoder : ITextDecoder
{
    private static readonly SearchValues<char> Invisible = SearchValues.Create("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff");

    public FindingForm Form => FindingForm.InvisibleCharacters;

    public bool ReadsThrough => true;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        var nonAscii = text.AsSpan().IndexOfAnyInRange('\u00ad', '\uffff');
        var at = nonAscii < 0 ? -1 : text.AsSpan(nonAscii).IndexOfAny(Invisible);
        if (at < 0)
        {
            return null;
        }

        at += nonAscii;
        var edits = new List<TextEdit>();
        while (at >= 0)
        {
            edits.Add(new TextEdit(at, at + 1, string.Empty));
            var next = text.AsSpan(at + 1).IndexOfAny(Invisible);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return EditedView.Build(parent, Form, edits, EditFilter.ChangedLines, readThrough);
    }
}
