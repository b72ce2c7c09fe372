using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mining.Core.Privacy;

namespace Mining.Core.Tests.Privacy;

/// <summary>A form a secret commonly wears in a learning, the way a user would paste it, and the forms the scanner may report it in (any of them).</summary>
internal sealed record Wrapping(string Name, FindingForm Form, Func<string, string> Wrap)
{
    /// <summary>How many decoding layers the wrapping adds (a JSON document inside a JSON string is escaped twice; joined literals are escaped too).</summary>
    public int Layers => Form.HasFlag(FindingForm.EmbeddedJson) || Form.HasFlag(FindingForm.Concatenated) ? 2 : 1;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<Wrapping> All { get; } =
    [
        new("a JSON string with every non-ASCII and HTML character as \\u00XX", FindingForm.Escaped, text => $"{{\"value\": {JsonSerializer.Serialize(text)}}}"),
        new("a .env value in a JSON string", FindingForm.Escaped, text => $"APP_SETTING={JsonSerializer.Serialize(text, Relaxed)}"),
        new("a C# string literal", FindingForm.Escaped, text => $"var value = \"{CSharp(text)}\";"),
        new("a JavaScript template-free string literal", FindingForm.Escaped, text => $"const value = '{Python(text)}';"),
        new("a Python string literal", FindingForm.Escaped, text => $"value = '{Python(text)}'"),
        new("a shell double-quoted string", FindingForm.Escaped, text => $"export VALUE=\"{Shell(text)}\""),
        new("string literals joined with +", FindingForm.Concatenated, text => "var value = " + string.Join(" +\n    ", Chunks(text, 7).Select(c => $"\"{CSharp(c)}\"")) + ";"),
        new("adjacent Python string literals", FindingForm.Concatenated, text => "value = (" + string.Join("\n         ", Chunks(text, 9).Select(c => $"'{Python(c)}'")) + ")"),
        new("a JSON document embedded in a JSON string", FindingForm.Escaped | FindingForm.EmbeddedJson, text => $"\"credentials\": {JsonSerializer.Serialize(JsonSerializer.Serialize(new { name = "config", value = text }, Relaxed), Relaxed)}"),
        new("a Kubernetes Secret data value (base64)", FindingForm.Base64, text => $"kind: Secret\ndata:\n  config: {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}\n"),
        new("a data: URI (base64url)", FindingForm.Base64, text => $"fetch('data:text/plain;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_').TrimEnd('=')}')"),
        new("a percent-encoded query parameter", FindingForm.PercentEncoded, text => $"https://app.example.com/callback?mode=test&state={Uri.EscapeDataString(text)}"),
    ];

    public override string ToString() => Name;

    public static string CSharp(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    public static string Python(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    public static string Shell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "\\$", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal);

    /// <summary>
    /// Pieces of about <paramref name="size"/> characters, never cut within six characters after a backslash: code splits a
    /// literal between characters, not inside an escape such as <c>\u0022</c> (a known blind spot of the scanner, see docs/privacy-controls.md).
    /// </summary>
    private static IEnumerable<string> Chunks(string text, int size)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = Math.Min(start + size, text.Length);
            while (end < text.Length && text.AsSpan(Math.Max(start, end - 6), end - Math.Max(start, end - 6)).Contains('\\'))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }
}
