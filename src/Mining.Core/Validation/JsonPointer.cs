namespace Mining.Core.Validation;

/// <summary>RFC 6901 JSON Pointer construction.</summary>
internal static class JsonPointer
{
    public static string Append(string parent, string name) =>
        parent + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string parent, int index) => parent + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
