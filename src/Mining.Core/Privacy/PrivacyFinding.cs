namespace Mining.Core.Privacy;

/// <summary>One secret or piece of personal data found in a learning.</summary>
/// <param name="RuleId">Stable rule id, e.g. <c>github-token</c> (see <see cref="PrivacyRules.All"/>).</param>
/// <param name="Path">RFC 6901 JSON Pointer of the field that holds it.</param>
/// <param name="Start">UTF-16 offset of the finding in that field's text.</param>
/// <param name="Length">UTF-16 length of the finding.</param>
/// <param name="Excerpt">The surrounding text with every finding replaced by <c>[REDACTED:rule]</c>; never the secret itself.</param>
public sealed record PrivacyFinding(string RuleId, string Path, int Start, int Length, string Excerpt);
