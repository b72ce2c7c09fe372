namespace Mining.Functions.Pages;

/// <summary>Whether a POST comes from a page of this service (the dashboard, an approval page).</summary>
/// <remarks>
/// The Origin must be <c>PublicBaseUrl</c>'s, and a browser must not call the request cross-site or same-site. The pages
/// send <c>Referrer-Policy: no-referrer</c>, under which browsers serialize the Origin of a form POST as <c>null</c>; such
/// a POST passes only when the browser itself marks it <c>Sec-Fetch-Site: same-origin</c> (a header no page can set).
/// </remarks>
internal static class SameOrigin
{
    public static bool Check(HttpRequest request, Uri publicBaseUrl, out string refusal)
    {
        var expected = publicBaseUrl.GetLeftPart(UriPartial.Authority);
        var origin = request.Headers.Origin.ToString();
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var fromHere = string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase)
            ? fetchSite is not ("cross-site" or "same-site")
            : origin == "null" && fetchSite == "same-origin";
        refusal = fromHere ? string.Empty
            : $"The request did not come from this service's pages: its Origin is '{Truncate(origin)}', not '{expected}'"
              + (fetchSite.Length > 0 ? $", and the browser calls it {Truncate(fetchSite)}" : string.Empty) + ".";
        return fromHere;
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
