namespace Mining.Core.Privacy;

/// <summary>The layers a finding was wrapped in when the scanner found it; <see cref="Plain"/> when it stood as clean text.</summary>
/// <remarks>Flags: a secret in a base64 value inside an escaped JSON string is <c>Escaped | EmbeddedJson | Base64</c>.</remarks>
[Flags]
public enum FindingForm
{
    /// <summary>Found in the field's text as it is.</summary>
    Plain = 0,

    /// <summary>Found with invisible characters (zero-width spaces and joiners, soft hyphens, BOM) removed.</summary>
    InvisibleCharacters = 1,

    /// <summary>Found after decoding string escapes of JSON, C#, JavaScript, Python and shell (<c>\n</c>, <c>\"</c>, <c>\u00XX</c>, line continuations).</summary>
    Escaped = 2,

    /// <summary>Found after joining string literals concatenated with <c>+</c> or placed side by side.</summary>
    Concatenated = 4,

    /// <summary>Found in the strings of a JSON document embedded in the text.</summary>
    EmbeddedJson = 8,

    /// <summary>Found in a base64 (or base64url) value that decodes to text.</summary>
    Base64 = 16,

    /// <summary>Found after percent-decoding (<c>%40</c>, <c>%2F</c>, …).</summary>
    PercentEncoded = 32,
}
