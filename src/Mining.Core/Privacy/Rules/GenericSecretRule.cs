using System.Buffers;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary><c>secret = value</c> assignments (password, token, api key, client secret, …) whose value looks random.</summary>
/// <remarks>
/// A value counts when it is at least the minimum length, its Shannon entropy reaches the threshold, and it is
/// neither a placeholder nor a reference to where the secret lives (environment variables, template expressions,
/// member access, function calls, plain words).
/// </remarks>
internal sealed partial class GenericSecretRule(double minEntropy, int minLength) : IPrivacyRule
{
    public const string Id = "generic-secret";

    /// <summary>The words an assignment begins with (each alternative of <see cref="Assignment"/> starts with one).</summary>
    private static readonly SearchValues<string> Keywords = SearchValues.Create(
        ["secret", "passw", "passphrase", "pwd", "token", "api", "access", "auth", "credential", "private", "signing"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Characters the regex's case-insensitive matching equates with ASCII letters but an ordinal search does not (Kelvin sign, long s, dotted and dotless i).</summary>
    private static readonly SearchValues<char> CaseLookalikes = SearchValues.Create("\u212a\u017f\u0130\u0131");

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    public void Find(string text, List<RuleMatch> matches)
    {
        var assignments = text.AsSpan().ContainsAny(CaseLookalikes)
            ? AssignmentAnywhere().Matches(text)
            : AnchoredRegex.Matches(text, Keywords, Assignment());
        foreach (var match in assignments)
        {
            var value = match.Groups["value"];
            var span = value.ValueSpan.TrimEnd('.');
            if (span.Length >= minLength
                && Entropy.BitsPerChar(span) >= minEntropy
                && !IsReference(span)
                && !Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(Id, value.Index, span.Length));
            }
        }
    }

    private static bool IsReference(ReadOnlySpan<char> value) =>
        value[0] is '$' or '%' or '{' or '<' or '/' or '~' or '.'
        || value.Contains('(')
        || value.Contains("://", StringComparison.Ordinal)
        || Number().IsMatch(value)
        || EnvironmentName().IsMatch(value)
        || MemberAccess().IsMatch(value)
        || Words().IsMatch(value)
        || CamelCase().IsMatch(value);

    [GeneratedRegex(
        @"\G(?:secret|passw(?:or)?d|passphrase|pwd|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|credential|private[_-]?key|signing[_-]?key)[A-Za-z0-9_.-]*[""']?[ \t]*(?::=|=>|=|:)[ \t]*[""']?(?<value>[^\s""'`,;()\[\]{}]{4,})",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();

    [GeneratedRegex(
        @"(?:secret|passw(?:or)?d|passphrase|pwd|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|credential|private[_-]?key|signing[_-]?key)[A-Za-z0-9_.-]*[""']?[ \t]*(?::=|=>|=|:)[ \t]*[""']?(?<value>[^\s""'`,;()\[\]{}]{4,})",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AssignmentAnywhere();

    [GeneratedRegex(@"^[0-9][0-9_.,eE+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(?:(?:\\.|::|->)[A-Za-z_][A-Za-z0-9_]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberAccess();

    [GeneratedRegex("^[a-z]+(?:[-_][a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex("^[a-zA-Z][a-z]+(?:[A-Z][a-z]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex CamelCase();
}
