using System.Text;
using System.Text.Unicode;

namespace Mining.Core.Privacy.Decoding;

/// <summary>Percent-encoded URLs, query strings and connection strings: each run of <c>%XX</c> octets decoded as UTF-8.</summary>
/// <remarks>A run that is not valid UTF-8 stays as it is; <c>+</c> stays a plus (it is a space only in form bodies, and a base64 character elsewhere).</remarks>
internal sealed class PercentDecoder : ITextDecoder
{
    public FindingForm Form => FindingForm.PercentEncoded;

    public bool ReadsThrough => true;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent < 0)
        {
            return null;
        }

        var edits = new List<TextEdit>();
        Span<byte> octets = stackalloc byte[64];
        while (percent >= 0)
        {
            var end = percent;
            var count = 0;
            while (count < octets.Length && IsOctet(text, end))
            {
                octets[count++] = (byte)((HexValue(text[end + 1]) << 4) | HexValue(text[end + 2]));
                end += 3;
            }

            if (count > 0 && TryDecode(octets[..count], out var decoded))
            {
                edits.Add(new TextEdit(percent, end, decoded));
            }

            var from = Math.Max(end, percent + 1);
            var next = from < text.Length ? text.IndexOf('%', from) : -1;
            percent = next;
        }

        return EditedView.Build(parent, Form, edits, EditFilter.ChangedLines, readThrough);
    }

    private static bool IsOctet(string text, int at) =>
        at + 2 < text.Length && text[at] == '%' && char.IsAsciiHexDigit(text[at + 1]) && char.IsAsciiHexDigit(text[at + 2]);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static bool TryDecode(ReadOnlySpan<byte> octets, out string decoded)
    {
        if (!Utf8.IsValid(octets))
        {
            decoded = string.Empty;
            return false;
        }

        decoded = Encoding.UTF8.GetString(octets);
        return true;
    }
}
