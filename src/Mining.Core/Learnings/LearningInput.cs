namespace Mining.Core.Learnings;

/// <summary>A learning as a contributor's pipeline submits it (schema v1, <c>docs/schema/learning-v1.schema.json</c>).</summary>
/// <remarks>
/// Instances that come out of <see cref="Validation.LearningValidator"/> satisfy every rule of the schema.
/// Not everything here is published: <see cref="Preparation.ContentPreparer"/> copies allow-listed fields only.
/// </remarks>
public sealed record LearningInput
{
    public required string Title { get; init; }

    public required string Summary { get; init; }

    /// <summary>Markdown.</summary>
    public required string Body { get; init; }

    /// <summary>One of <see cref="LearningCategories.All"/>.</summary>
    public required string Category { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>How sure the upstream pipeline is that the learning is correct, 0 to 1.</summary>
    public required double Confidence { get; init; }

    /// <summary>Upstream quality score, 0 to 100.</summary>
    public required double Quality { get; init; }

    /// <summary>Programming languages, frameworks or tools the learning is about (lowercase identifiers).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    public required LearningSource Source { get; init; }

    public required SanitizerInfo Sanitizer { get; init; }

    /// <summary>EIP-55 checksummed Ethereum address that receives rewards.</summary>
    public required string RewardAddress { get; init; }

    /// <summary>SPDX identifier from <see cref="LearningLicenses.Allowed"/>.</summary>
    public string License { get; init; } = LearningLicenses.Default;

    public required DateTimeOffset CreatedAt { get; init; }
}
