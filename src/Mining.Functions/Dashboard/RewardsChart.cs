using System.Globalization;
using System.Numerics;
using System.Text;
using Mining.Functions.Rewards;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>Cumulative rewards over time as an SVG step line drawn on the server (no script, no inline style).</summary>
internal static class RewardsChart
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 56;
    private const int Bottom = 28;
    private const int Top = 12;
    private const int Right = 12;

    public static string Render(IReadOnlyList<RewardEntry> history)
    {
        if (history.Count == 0)
        {
            return "<p id=\"chart\">No rewards yet: the chart starts with your first rewarded learning.</p>";
        }

        var points = new List<(DateTimeOffset At, double Tokens)>();
        var sum = BigInteger.Zero;
        foreach (var entry in history.OrderBy(e => e.RecordedAt))
        {
            sum += BigInteger.Parse(entry.Amount, CultureInfo.InvariantCulture);
            points.Add((entry.RecordedAt, (double)sum / 1e18));
        }

        var first = points[0].At;
        var span = Math.Max(1, (points[^1].At - first).TotalSeconds);
        var max = Math.Max(points[^1].Tokens, 1e-9);
        double X(DateTimeOffset at) => Left + (at - first).TotalSeconds / span * (Width - Left - Right);
        double Y(double tokens) => Height - Bottom - tokens / max * (Height - Bottom - Top);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var path = new StringBuilder($"M{F(Left)},{F(Y(0))}");
        foreach (var (at, tokens) in points)
        {
            path.Append($" H{F(X(at))} V{F(Y(tokens))}");
        }

        var label = $"Cumulative rewards: {F(points[^1].Tokens)} MINE from {first.UtcDateTime:yyyy-MM-dd HH:mm} to {points[^1].At.UtcDateTime:yyyy-MM-dd HH:mm} UTC over {points.Count} ledger entries.";
        return new StringBuilder()
            .Append($"<svg id=\"chart\" class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title id=\"chart-title\">{E(label)}</title>")
            .Append($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#57606a\"/>")
            .Append($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#57606a\"/>")
            .Append($"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1f24\">{E(F(max))}</text>")
            .Append($"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1f24\">0</text>")
            .Append($"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#1b1f24\">{E(first.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))}</text>")
            .Append($"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1f24\">{E(points[^1].At.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))}</text>")
            .Append($"<path d=\"{path}\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\"/>")
            .Append(string.Concat(points.Select(p => $"<circle cx=\"{F(X(p.At))}\" cy=\"{F(Y(p.Tokens))}\" r=\"3\" fill=\"#0b5cad\"/>")))
            .Append("</svg>")
            .ToString();
    }
}
