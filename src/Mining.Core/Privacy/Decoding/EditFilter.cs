namespace Mining.Core.Privacy.Decoding;

/// <summary>Which edits a decoder keeps below the field's own text, where most of a view is text the layer above already decoded.</summary>
internal enum EditFilter
{
    /// <summary>Edits on a line the layer above changed (a join or a decoded escape gives the whole line new context).</summary>
    ChangedLines,

    /// <summary>Only edits that touch a character the layer above produced (a base64 run revealed by decoding).</summary>
    ChangedEdits,
}
