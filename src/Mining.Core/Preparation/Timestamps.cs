using System.Globalization;

namespace Mining.Core.Preparation;

/// <summary>The one timestamp form used in public documents: UTC, RFC 3339, trailing zero fractions dropped.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
