using System.Text.RegularExpressions;

namespace Mining.Functions.App.Tests;

/// <summary>The routes of the README's "HTTP API" table: <c>`METHOD /path?query`</c> items, and <c>`…/last`</c> for a sibling of the item before.</summary>
internal static partial class ReadmeApiTable
{
    public static IReadOnlyList<(string Method, string Route)> Routes(string readme)
    {
        var section = readme[readme.IndexOf("## HTTP API", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 4, StringComparison.Ordinal)];
        var routes = new List<(string Method, string Route)>();
        foreach (var row in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var endpoints = row.Split('|')[1];
            foreach (Match item in Item().Matches(endpoints))
            {
                if (item.Groups["method"].Success)
                {
                    routes.Add((item.Groups["method"].Value, Normalize(item.Groups["path"].Value)));
                }
                else
                {
                    var previous = routes[^1];
                    routes.Add((previous.Method, previous.Route[..(previous.Route.LastIndexOf('/') + 1)] + item.Groups["sibling"].Value));
                }
            }
        }

        return routes;
    }

    /// <summary>Without the leading slash and the query, parameter names blanked (<c>{id}</c> and <c>{keyId}</c> are one route).</summary>
    public static string Normalize(string route) => Parameter().Replace(route.Split('?')[0].TrimStart('/').TrimEnd('/'), "{}");

    [GeneratedRegex(@"`(?:(?<method>GET|POST|PUT|DELETE|PATCH) (?<path>/[^`\s]*)|…/(?<sibling>[^`\s]+))`")]
    private static partial Regex Item();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
