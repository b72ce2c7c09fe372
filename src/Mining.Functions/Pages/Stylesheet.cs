using System.Text;

namespace Mining.Functions.Pages;

/// <summary>The dashboard's and the approval page's one stylesheet, served by the app (the pages allow no inline style).</summary>
internal static class Stylesheet
{
    public const string Path = "/dashboard/dashboard.css";

    private const string Css = """
        :root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--soft:#f6f8fa}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:68rem;margin:0 auto;padding:0 1rem 3rem;line-height:1.5}
        header nav{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 0;border-bottom:1px solid var(--line);margin-bottom:1rem}
        header nav form{margin-left:auto}
        a{color:var(--accent)}
        a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible,textarea:focus-visible{outline:3px solid #e36209;outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem}
        h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}
        pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9rem}
        pre{background:var(--soft);border:1px solid var(--line);padding:.75rem;overflow-x:auto}
        pre.bytes{white-space:pre-wrap;word-break:break-all}
        p code,li code,td code,dd code{background:var(--soft);padding:0 .2rem;word-break:break-all}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;border-bottom:1px solid var(--line);padding:.4rem .5rem;vertical-align:top}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0}
        form{display:inline-block;margin:0 .5rem .5rem 0}
        button{font:inherit;padding:.4rem .9rem;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
        button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button.danger{color:var(--bad);border-color:var(--bad)}
        button[role=switch]{min-width:11rem;text-align:left}button[role=switch][aria-checked=true]{background:#ddf4e4;border-color:var(--ok)}
        button[role=switch]::before{content:"○ ";}button[role=switch][aria-checked=true]::before{content:"● "}
        label{display:block;font-weight:600;margin:.5rem 0 .25rem}label.inline{display:inline;font-weight:400;margin-right:.5rem}input[type=email]{font:inherit;padding:.4rem;width:100%;max-width:32rem;border:1px solid var(--muted);border-radius:4px}input[type=password],input[type=text]{font:inherit;padding:.4rem;width:100%;max-width:32rem;border:1px solid var(--muted);border-radius:4px}
        .notice{border-left:4px solid var(--accent);background:var(--soft);padding:.5rem 1rem}.notice.bad{border-color:var(--bad)}
        ol.timeline{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
        ol.timeline li{border:1px solid var(--line);border-radius:999px;padding:.1rem .7rem;font-size:.85rem;color:var(--muted)}
        ol.timeline li.done{border-color:var(--ok);color:var(--ok)}ol.timeline li.current{border-color:var(--accent);background:var(--accent);color:#fff;font-weight:600}
        ol.timeline li.failed{border-color:var(--bad);background:var(--bad);color:#fff}
        .status{font-weight:600}.muted{color:var(--muted)}time{white-space:nowrap}
        article.learning{border:1px solid var(--line);padding:0 1rem 1rem;margin:1rem 0}
        .tags span{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:0 .4rem;margin-right:.25rem}
        svg.chart{max-width:100%;height:auto;border:1px solid var(--line);background:#fff}
        """;

    private static readonly byte[] Bytes = Encoding.UTF8.GetBytes(Css);

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=300";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.Bytes(Bytes, "text/css; charset=utf-8");
    }
}
