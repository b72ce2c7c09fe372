using System.Net;
using System.Text;

namespace Mining.Functions.Pages;

/// <summary>
/// A small Markdown subset rendered for reading: headings (<c>#</c> to <c>######</c>), paragraphs, fenced code blocks,
/// bullet and numbered lists, inline code and <c>**bold**</c>.
/// </summary>
/// <remarks>
/// Every character of the source is HTML-encoded before any tag is added, so no HTML of the source reaches the page;
/// links stay text (a URL is shown, never followed from here), and the only tags written are the ones named above.
/// </remarks>
internal static class SafeMarkdown
{
    public static string ToHtml(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        string? list = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                Flush(html, paragraph, ref list);
                var language = trimmed[3..].Trim();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                {
                    code.Add(lines[i]);
                }

                html.Append("<pre class=\"code\"");
                if (language.Length > 0)
                {
                    html.Append(" data-language=\"").Append(E(language)).Append('"');
                }

                html.Append("><code>").Append(E(string.Join('\n', code))).Append("</code></pre>\n");
                continue;
            }

            if (trimmed.Length == 0)
            {
                Flush(html, paragraph, ref list);
                continue;
            }

            var level = trimmed.TakeWhile(c => c == '#').Count();
            if (level is >= 1 and <= 6 && trimmed.Length > level && trimmed[level] == ' ')
            {
                Flush(html, paragraph, ref list);
                // A heading inside the document sits below the page's own headings (h1 page, h2 title).
                var tag = $"h{Math.Min(level + 2, 6)}";
                html.Append('<').Append(tag).Append('>').Append(Inline(trimmed[(level + 1)..].Trim())).Append("</").Append(tag).Append(">\n");
                continue;
            }

            var item = ListItem(trimmed, out var kind);
            if (item is not null)
            {
                FlushParagraph(html, paragraph);
                if (list != kind)
                {
                    CloseList(html, ref list);
                    html.Append('<').Append(kind).Append(">\n");
                    list = kind;
                }

                html.Append("<li>").Append(Inline(item)).Append("</li>\n");
                continue;
            }

            CloseList(html, ref list);
            paragraph.Add(trimmed);
        }

        Flush(html, paragraph, ref list);
        return html.ToString();
    }

    private static string? ListItem(string line, out string kind)
    {
        kind = "ul";
        if (line.Length > 2 && (line[0] is '-' or '*' or '+') && line[1] == ' ')
        {
            return line[2..].Trim();
        }

        var digits = line.TakeWhile(char.IsAsciiDigit).Count();
        if (digits is > 0 and < 10 && line.Length > digits + 2 && line[digits] is '.' or ')' && line[digits + 1] == ' ')
        {
            kind = "ol";
            return line[(digits + 2)..].Trim();
        }

        return null;
    }

    private static void Flush(StringBuilder html, List<string> paragraph, ref string? list)
    {
        FlushParagraph(html, paragraph);
        CloseList(html, ref list);
    }

    private static void FlushParagraph(StringBuilder html, List<string> paragraph)
    {
        if (paragraph.Count > 0)
        {
            html.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
    }

    private static void CloseList(StringBuilder html, ref string? list)
    {
        if (list is not null)
        {
            html.Append("</").Append(list).Append(">\n");
            list = null;
        }
    }

    /// <summary>Inline code between backticks; <c>**bold**</c> outside it; everything encoded.</summary>
    private static string Inline(string text)
    {
        var html = new StringBuilder();
        var parts = text.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            var inCode = i % 2 == 1 && i < parts.Length - 1;
            if (inCode)
            {
                html.Append("<code>").Append(E(parts[i])).Append("</code>");
            }
            else
            {
                html.Append(Bold(E(i % 2 == 1 ? "`" + parts[i] : parts[i])));
            }
        }

        return html.ToString();
    }

    private static string Bold(string encoded)
    {
        var pieces = encoded.Split("**");
        if (pieces.Length < 3)
        {
            return encoded;
        }

        var html = new StringBuilder(pieces[0]);
        for (var i = 1; i < pieces.Length; i++)
        {
            var opens = i % 2 == 1 && i < pieces.Length - 1;
            var closes = i % 2 == 0;
            html.Append(opens ? "<strong>" : closes ? "</strong>" : "**").Append(pieces[i]);
        }

        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
