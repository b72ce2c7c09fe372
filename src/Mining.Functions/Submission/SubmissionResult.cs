using Mining.Core.Privacy;
using Mining.Core.Validation;
using Mining.Functions.Learnings;

namespace Mining.Functions.Submission;

/// <summary>What became of a submission.</summary>
internal abstract record SubmissionResult
{
    /// <summary>Stored (or found: the same content from the same contributor) and on its way to approval.</summary>
    public sealed record Accepted(LearningRecord Learning, bool Created, IReadOnlyList<RedactionChange> Redactions) : SubmissionResult;

    /// <summary>The document broke the schema or its limits; nothing was stored.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : SubmissionResult;

    /// <summary>The privacy scanner found something that must not be published; nothing was stored.</summary>
    public sealed record Blocked(IReadOnlyList<PrivacyFinding> Findings) : SubmissionResult;
}
