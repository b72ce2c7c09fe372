using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>GitHub tokens (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>, <c>github_pat_</c>) and GitLab tokens (<c>glpat-</c> and kin).</summary>
internal sealed partial class GitTokenRule : IPrivacyRule
{
    public const string GitHubId = "github-token";
    public const string GitLabId = "gitlab-token";

    public IReadOnlyList<string> RuleIds { get; } = [GitHubId, GitLabId];

    public void Find(string text, List<RuleMatch> matches)
    {
        RegexRule.AddWholeMatches(GitHub(), GitHubId, text, matches);
        RegexRule.AddWholeMatches(GitLab(), GitLabId, text, matches);
    }

    [GeneratedRegex("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex GitHub();

    [GeneratedRegex("(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|cbt|oas|ft|imt|soat|agent)-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitLab();
}
