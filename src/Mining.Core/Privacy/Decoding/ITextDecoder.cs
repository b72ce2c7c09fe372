namespace Mining.Core.Privacy.Decoding;

/// <summary>One layer a secret commonly wears, and how to take it off.</summary>
/// <remarks>
/// Implementations are stateless and thread-safe, never throw, and do work linear in the parent's length. They build a
/// view only when the parent holds their trigger characters, so plain text costs one vectorised search per decoder.
/// </remarks>
internal interface ITextDecoder
{
    FindingForm Form { get; }

    /// <summary>Whether the decoder reports the spans it reads through (escapes, joins, octets), so the parent's misreadings of them are dropped.</summary>
    bool ReadsThrough { get; }

    /// <summary>The decoded view of the parent's lines that wear this layer, or null when none does.</summary>
    /// <param name="parent">The view to decode.</param>
    /// <param name="readThrough">Receives the parent's spans whose literal spelling misleads the rules, if this decoder reads through them.</param>
    TextView? Decode(TextView parent, ReadThrough readThrough);
}
