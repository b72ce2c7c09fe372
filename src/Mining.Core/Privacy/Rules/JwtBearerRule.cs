using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>JSON Web Tokens, bearer tokens and HTTP basic credentials.</summary>
/// <remarks><c>Bearer &lt;token&gt;</c>, <c>Bearer $TOKEN</c> and similar placeholders pass.</remarks>
internal sealed partial class JwtBearerRule : IPrivacyRule
{
    public const string JwtId = "jwt";
    public const string BearerId = "bearer-token";
    public const string BasicId = "basic-auth";

    public IReadOnlyList<string> RuleIds { get; } = [JwtId, BearerId, BasicId];

    public void Find(string text, List<RuleMatch> matches)
    {
        RegexRule.AddWholeMatches(Jwt(), JwtId, text, matches);
        RegexRule.AddValueGroups(Bearer(), BearerId, text, matches);
        RegexRule.AddValueGroups(Basic(), BasicId, text, matches);
    }

    [GeneratedRegex("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex("\\bbearer\\s+(?<value>[A-Za-z0-9._~+/-]{16,}=*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex("\\bbasic\\s+(?<value>[A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Basic();
}
