namespace Mining.Core.Privacy.Decoding;

/// <summary>A string member of an embedded JSON object: its decoded name and value, and where their string tokens sit in the text.</summary>
internal readonly record struct JsonStringMember(string Name, int NameStart, int NameEnd, string Value, int ValueStart, int ValueEnd);
