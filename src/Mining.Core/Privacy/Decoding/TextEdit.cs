namespace Mining.Core.Privacy.Decoding;

/// <summary>A decoder's replacement of the parent's characters <c>[Start, End)</c> by their decoded form (empty: deleted).</summary>
/// <param name="Start">First character replaced.</param>
/// <param name="End">End (exclusive) of the characters replaced.</param>
/// <param name="Replacement">What they stand for.</param>
/// <param name="Opaque">
/// The spelling means nothing read literally (<c>\u003C</c>, <c>\x3c</c>), so a match that merely contains it is left to
/// the decoded view as well; a short escape such as <c>\t</c> in <c>C:\Users\tom</c> is not opaque.
/// </param>
internal readonly record struct TextEdit(int Start, int End, string Replacement, bool Opaque = false);
