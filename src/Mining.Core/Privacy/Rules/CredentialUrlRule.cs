using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>URLs with embedded credentials (<c>scheme://user:password@host</c>) and RPC/IPFS/API provider keys in URLs.</summary>
/// <remarks>Documentation credentials such as <c>user:password@</c> or <c>${PASSWORD}</c> pass.</remarks>
internal sealed partial class CredentialUrlRule : IPrivacyRule
{
    public const string UrlCredentialsId = "url-credentials";
    public const string ProviderKeyId = "provider-key-in-url";

    private static readonly string[] DocumentationPasswords =
        ["password", "pass", "passwd", "pwd", "secret", "changeme", "admin", "guest", "root", "test", "postgres", "mysql", "user", "example"];

    public IReadOnlyList<string> RuleIds { get; } = [UrlCredentialsId, ProviderKeyId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (Match match in UserInfo().Matches(text))
        {
            var password = match.Groups["password"];
            if (!DocumentationPasswords.Contains(password.Value, StringComparer.OrdinalIgnoreCase) && !Placeholders.IsPlaceholder(password.ValueSpan) && !password.ValueSpan.StartsWith('$'))
            {
                var userInfo = match.Groups["userinfo"];
                matches.Add(new RuleMatch(UrlCredentialsId, userInfo.Index, userInfo.Length));
            }
        }

        RegexRule.AddValueGroups(ProviderPath(), ProviderKeyId, text, matches);
        RegexRule.AddValueGroups(QueryKey(), ProviderKeyId, text, matches);
    }

    [GeneratedRegex(@"://(?<userinfo>[^\s:/?#@""'<>]+:(?<password>[^\s/?#@""'<>]+))@[^\s/?#""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?:infura\.io/(?:ws/)?v3/|alchemy(?:api)?\.(?:com|io)/v2/|quiknode\.pro/|rpc\.ankr\.com/[a-z0-9_]+/|chainstack\.com/|blastapi\.io/)(?<value>[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderPath();

    [GeneratedRegex(@"[?&](?:api[_-]?key|apikey|key|access[_-]?token|token|auth|dkey|pinataGatewayToken)=(?<value>[A-Za-z0-9_.~-]{16,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex QueryKey();
}
