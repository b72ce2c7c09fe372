using Mining.Core.Learnings;

namespace Mining.Core.Privacy;

/// <summary>The outcome of a privacy scan.</summary>
/// <remarks>
/// <see cref="Redacted"/> is set only for <see cref="ScanVerdict.Redacted"/>; <see cref="Changes"/> lists every replacement
/// in it. Findings and changes never contain the secret itself.
/// </remarks>
public sealed record ScanResult(
    IReadOnlyList<PrivacyFinding> Findings,
    ScanVerdict Verdict,
    LearningInput? Redacted,
    IReadOnlyList<RedactionChange> Changes)
{
    public bool IsClean => Findings.Count == 0;
}
