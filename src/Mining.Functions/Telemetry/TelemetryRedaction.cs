using System.Diagnostics;
using OpenTelemetry;

namespace Mining.Functions.Telemetry;

/// <summary>
/// Takes secrets out of HTTP spans before any exporter sees them. An incoming request keeps its route template instead
/// of its path (an approval link's path is its single-use token) and loses its query. An outgoing request keeps its
/// origin, and its path only on the IPFS protocols' own paths (<c>/api/v0/…</c> of the Kubo RPC API, <c>/ipfs/…</c> of a
/// gateway), which hold CIDs: a JSON-RPC, pinning-service or webhook URL may carry an API key in its path.
/// </summary>
internal sealed class TelemetryRedaction : BaseProcessor<Activity>
{
    private const string UrlFull = "url.full";
    private const string UrlPath = "url.path";
    private const string UrlQuery = "url.query";
    private const string HttpRoute = "http.route";
    private const string Redacted = "REDACTED";

    public override void OnEnd(Activity data)
    {
        if (data.Kind == ActivityKind.Server && data.GetTagItem(UrlPath) is not null)
        {
            data.SetTag(UrlPath, data.GetTagItem(HttpRoute) as string);
            data.SetTag(UrlQuery, null);
        }

        if (data.GetTagItem(UrlFull) is string full)
        {
            data.SetTag(UrlFull, Outgoing(full));
        }
    }

    /// <summary>What of an outgoing request's URL may be exported.</summary>
    public static string Outgoing(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Redacted;
        }

        var origin = Origin(uri);
        var path = uri.AbsolutePath;
        return path.StartsWith("/api/v0/", StringComparison.Ordinal) || path.StartsWith("/ipfs/", StringComparison.Ordinal)
            ? origin + path
            : origin + "/" + Redacted;
    }

    /// <summary>Scheme, host and port: never the user information a URL may hold.</summary>
    public static string Origin(Uri uri) => $"{uri.Scheme}://{uri.Authority}";
}
