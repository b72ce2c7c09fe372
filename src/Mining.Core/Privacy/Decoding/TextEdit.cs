namespace Mining.Core.Privacy.Decoding;

/// <summary>A decoder's replacement of the parent's characters <c>[Start, End)</c> by their decoded form (empty: deleted).</summary>
internal readonly record struct TextEdit(int Start, int End, string Replacement);
