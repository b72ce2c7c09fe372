namespace Mining.Core.Privacy.Decoding;

/// <summary>A span of a view that a decoded view reads through, and the window of the view (its lines) the decoded view holds.</summary>
internal readonly record struct ReadThroughSpan(int Start, int End, bool Opaque, int WindowStart, int WindowEnd);
