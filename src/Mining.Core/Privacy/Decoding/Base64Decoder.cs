using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Mining.Core.Privacy.Decoding;

/// <summary>
/// Base64 and base64url values of at least <see cref="MinimumRun"/> characters (Kubernetes <c>Secret</c> data, basic-auth
/// headers, <c>data:</c> URIs, JWT parts) that decode to text: valid UTF-8 with no control characters but tab and line breaks.
/// </summary>
/// <remarks>
/// Values that decode to binary (images, hashes, keys, CIDs) and ordinary words stay as they are. The whole value is
/// the span of a finding in it. A value broken over lines is not joined.
/// </remarks>
internal sealed class Base64Decoder : ITextDecoder
{
    /// <summary>Shortest run decoded: 16 characters hold 12 bytes, less than any secret the rules know.</summary>
    public const int MinimumRun = 16;

    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_");

    public FindingForm Form => FindingForm.Base64;

    public bool ReadsThrough => false;

    public TextView? Decode(TextView parent, ReadThrough readThrough)
    {
        var text = parent.Text;
        List<TextEdit>? edits = null;

        // Skip-ahead search: a run of MinimumRun covers position p + MinimumRun - 1, so a character outside the alphabet there rules out MinimumRun starts at once.
        var position = 0;
        while (position + MinimumRun <= text.Length)
        {
            var probe = position + MinimumRun - 1;
            if (!Alphabet.Contains(text[probe]))
            {
                position = probe + 1;
                continue;
            }

            var start = probe;
            while (start > position && Alphabet.Contains(text[start - 1]))
            {
                start--;
            }

            var rest = text.AsSpan(probe).IndexOfAnyExcept(Alphabet);
            var end = rest < 0 ? text.Length : probe + rest;
            position = end + 1;
            if (end - start < MinimumRun)
            {
                continue;
            }

            var padded = end;
            while (padded < text.Length && padded - end < 2 && text[padded] == '=')
            {
                padded++;
            }

            if (TryDecode(text.AsSpan(start, end - start), out var decoded))
            {
                (edits ??= []).Add(new TextEdit(start, padded, decoded));
            }
        }

        return edits is null ? null : EditedView.Build(parent, Form, edits, EditFilter.ChangedEdits, readThrough: null);
    }

    /// <summary>Whether the base64 (or base64url) characters decode to text rather than to random bytes.</summary>
    public static bool DecodesToText(ReadOnlySpan<char> run) => TryDecode(run.TrimEnd('='), out _);

    private static bool TryDecode(ReadOnlySpan<char> run, out string decoded)
    {
        decoded = string.Empty;
        var usable = run.Length % 4 == 1 ? run.Length - 1 : run.Length;
        var buffer = ArrayPool<byte>.Shared.Rent((usable * 3 / 4) + 3);
        try
        {
            var count = 0;
            var bits = 0;
            var accumulator = 0;
            foreach (var c in run[..usable])
            {
                accumulator = ((accumulator << 6) | Value(c)) & 0xFFFF;
                bits += 6;
                if (bits < 8)
                {
                    continue;
                }

                bits -= 8;
                var b = (byte)(accumulator >> bits);
                if (b is < 0x20 and not (0x09 or 0x0A or 0x0D) or 0x7F)
                {
                    return false;
                }

                buffer[count++] = b;
            }

            if (!Utf8.IsValid(buffer.AsSpan(0, count)))
            {
                return false;
            }

            decoded = Encoding.UTF8.GetString(buffer, 0, count);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' or '-' => 62,
        _ => 63,
    };
}
