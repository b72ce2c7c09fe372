using System.Globalization;
using System.Net;
using System.Text;

namespace Mining.Functions.Pages;

/// <summary>
/// The pages' shared parts: encoding, the page frame (one stylesheet served by the app, no script, no inline style) and
/// the security headers every page carries.
/// </summary>
internal static class Html
{
    /// <summary>The form field that carries the anti-forgery token (the dashboard checks it on every POST).</summary>
    public const string CsrfField = "_csrf";

    /// <summary>No script at all; styles only from the app's stylesheet; forms post only to this origin; never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? $"<time datetime=\"{value.UtcDateTime:O}\">{value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC</time>" : "—";

    public static void SetSecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers["Content-Security-Policy"] = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }

    /// <summary>A whole page: <paramref name="nav"/> (links, or empty) above the title and the body.</summary>
    public static IResult Page(int status, string title, string body, string nav = "") => Results.Content(
        new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(E(title)).Append(" · Mining</title><link rel=\"stylesheet\" href=\"").Append(Stylesheet.Path).Append("\"></head><body>")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append(nav.Length > 0 ? $"<header><nav aria-label=\"Dashboard\">{nav}</nav></header>" : string.Empty)
            .Append("<main id=\"main\"><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>")
            .ToString(),
        "text/html; charset=utf-8",
        Encoding.UTF8,
        status);

    /// <summary>A POST form with the anti-forgery token and one submit button; <paramref name="fields"/> are more inputs.</summary>
    public static string PostButton(string action, string csrf, string label, string fields = "", string buttonAttributes = "") =>
        $"<form method=\"post\" action=\"{E(action)}\"><input type=\"hidden\" name=\"{Html.CsrfField}\" value=\"{E(csrf)}\">{fields}"
        + $"<button type=\"submit\"{buttonAttributes}>{E(label)}</button></form>";
}
