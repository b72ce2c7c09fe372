using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>File paths that reveal a user name: <c>/home/jane/</c>, <c>/Users/jane/</c>, <c>C:\Users\jane\</c>.</summary>
/// <remarks>Generic and service accounts pass (<c>user</c>, <c>runner</c>, <c>vscode</c>, <c>$USER</c>, <c>%USERNAME%</c>, …).</remarks>
internal sealed partial class UserPathRule : IPrivacyRule
{
    public const string Id = "user-path";

    private static readonly string[] GenericAccounts =
    [
        "user", "username", "you", "yourname", "your-name", "me", "name", "runner", "vscode", "node", "app", "ubuntu", "ec2-user", "codespace",
        "jovyan", "root", "public", "default", "shared", "all users", "default user", "admin", "administrator", "developer", "dev", "test",
        "build", "runneradmin", "docker", "git", "www-data", "alice", "bob", "jdoe", "john", "johndoe", "foo", "bar",
    ];

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (Match match in UserDirectory().Matches(text))
        {
            var user = match.Groups["user"].Value;
            if (!GenericAccounts.Contains(user, StringComparer.OrdinalIgnoreCase) && !user.Contains("xxx", StringComparison.OrdinalIgnoreCase) && user[0] is not ('$' or '%' or '{' or '*' or '.'))
            {
                matches.Add(new RuleMatch(Id, match.Index, match.Length));
            }
        }
    }

    [GeneratedRegex(@"(?:/home/|/Users/|[A-Za-z]:\\{1,2}Users\\{1,2}|[A-Za-z]:/Users/)(?<user>[^/\\\s""'<>:|?*]+)", RegexOptions.CultureInvariant)]
    private static partial Regex UserDirectory();
}
