using Mining.Core.Learnings;

namespace Mining.Core.Validation;

/// <summary>The outcome of validating a submission: every problem at once, or the parsed learning.</summary>
/// <remarks><see cref="Learning"/> is non-null exactly when <see cref="Problems"/> is empty.</remarks>
public sealed record ValidationResult
{
    private ValidationResult(LearningInput? learning, IReadOnlyList<ValidationProblem> problems)
    {
        Learning = learning;
        Problems = problems;
    }

    public LearningInput? Learning { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    public bool IsValid => Learning is not null;

    internal static ValidationResult Valid(LearningInput learning) => new(learning, []);

    internal static ValidationResult Invalid(IReadOnlyList<ValidationProblem> problems) => new(null, problems);
}
