namespace Mining.Core.Privacy;

/// <summary>One secret or piece of personal data found in a learning.</summary>
/// <param name="RuleId">Stable rule id, e.g. <c>github-token</c> (see <see cref="PrivacyRules.All"/>).</param>
/// <param name="Path">RFC 6901 JSON Pointer of the field that holds it.</param>
/// <param name="Start">UTF-16 offset of the finding in that field's text.</param>
/// <param name="Length">UTF-16 length of the finding.</param>
/// <param name="Excerpt">The surrounding text with every finding replaced by <c>[REDACTED:rule]</c>; never the secret itself.</param>
/// <param name="Form">The layers the secret was wrapped in (escapes, base64, …); <see cref="FindingForm.Plain"/> when it stood as clean text.</param>
/// <remarks>
/// A secret found in a decoded form is reported at the span of the field's own text that encodes it (the escaped string,
/// the whole base64 value), so redaction removes the encoded secret.
/// </remarks>
public sealed record PrivacyFinding(string RuleId, string Path, int Start, int Length, string Excerpt, FindingForm Form = FindingForm.Plain);
