using System.Text;
using System.Text.Json;
using Mining.Functions.Learnings;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Pages;

/// <summary>
/// A public document rendered for reading — title, summary, body (<see cref="SafeMarkdown"/>), category, tags,
/// languages, license, reward address and the provenance that goes out — beside the exact bytes (collapsible) whose CID is
/// shown, and what the privacy scanner redacted.
/// </summary>
/// <remarks>Every value is HTML-encoded; a document that is not the expected JSON is shown as its bytes only.</remarks>
internal static class DocumentView
{
    public static string Render(byte[] bytes, string cid, IReadOnlyList<RedactionInfo> redactions)
    {
        var html = new StringBuilder();
        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            RenderReadable(html, json.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            html.Append("<p class=\"notice bad\">This document could not be read as a learning; only its bytes are shown below.</p>");
        }

        html.Append("<section aria-labelledby=\"redactions-h\"><h2 id=\"redactions-h\">What the privacy scanner redacted</h2>");
        if (redactions.Count == 0)
        {
            html.Append("<p id=\"redactions\">Nothing: the scanner found nothing to replace.</p>");
        }
        else
        {
            html.Append("<table id=\"redactions\"><thead><tr><th scope=\"col\">rule</th><th scope=\"col\">field</th><th scope=\"col\">replaced by</th></tr></thead><tbody>");
            foreach (var r in redactions)
            {
                html.Append($"<tr><td>{E(r.RuleId)}</td><td><code>{E(r.Path)}</code></td><td><code>{E(r.Replacement)}</code></td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>");
        html.Append($"<section aria-labelledby=\"bytes-h\"><h2 id=\"bytes-h\">The exact bytes</h2><p>These {bytes.Length} bytes are what is published, under CID <code class=\"cid\">{E(cid)}</code>.</p>")
            .Append($"<details id=\"bytes\"><summary>Show the {bytes.Length} bytes</summary><pre class=\"bytes\" id=\"document\">{E(text)}</pre></details></section>");
        return html.ToString();
    }

    private static void RenderReadable(StringBuilder html, JsonElement root)
    {
        var content = root.GetProperty("content");
        var metadata = root.TryGetProperty("metadata", out var m) ? m : default;
        html.Append("<article class=\"learning\" aria-labelledby=\"doc-title\">")
            .Append($"<h2 id=\"doc-title\">{E(Text(content, "title"))}</h2>")
            .Append($"<p class=\"summary\"><strong>{E(Text(content, "summary"))}</strong></p>")
            .Append("<div class=\"body\">").Append(SafeMarkdown.ToHtml(Text(content, "body"))).Append("</div></article>");

        html.Append("<section aria-labelledby=\"facts-h\"><h2 id=\"facts-h\">What goes out with it</h2><dl class=\"facts\">");
        Fact(html, "Category", Text(metadata, "category"));
        html.Append("<dt>Tags</dt><dd class=\"tags\">").Append(string.Concat(List(metadata, "tags").Select(t => $"<span>{E(t)}</span>"))).Append("</dd>");
        Fact(html, "Languages", string.Join(", ", List(metadata, "languages")));
        Fact(html, "Confidence", Raw(metadata, "confidence"));
        Fact(html, "Quality", Raw(metadata, "quality"));
        Fact(html, "Created", Text(metadata, "createdAt"));
        Fact(html, "License", Text(root, "license"));
        html.Append($"<dt>Reward address</dt><dd><code id=\"reward-address\">{E(root.TryGetProperty("contributor", out var c) ? Text(c, "rewardAddress") : string.Empty)}</code></dd>");
        if (root.TryGetProperty("provenance", out var provenance))
        {
            var sanitizer = provenance.TryGetProperty("sanitizer", out var s) ? $"{Text(s, "name")} {Text(s, "version")}" : string.Empty;
            var service = provenance.TryGetProperty("service", out var v) ? $"{Text(v, "name")} {Text(v, "version")}" : string.Empty;
            Fact(html, "Provenance: sanitizer", sanitizer);
            Fact(html, "Provenance: service", service);
            html.Append($"<dt>Provenance: input digest</dt><dd><code>{E(Text(provenance, "inputDigest"))}</code></dd>");
            Fact(html, "Provenance: prepared", Text(provenance, "preparedAt"));
        }

        html.Append("</dl><p class=\"muted\">Nothing else about you or your session is published: no name, no email, no API key.</p></section>");
    }

    private static void Fact(StringBuilder html, string name, string value) => html.Append($"<dt>{E(name)}</dt><dd>{E(value.Length == 0 ? "—" : value)}</dd>");

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;

    private static string Raw(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.GetRawText()
            : string.Empty;

    private static IEnumerable<string> List(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)
            : [];
}
