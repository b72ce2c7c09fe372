namespace Mining.Core.Validation;

/// <summary>Limits and switches for <see cref="LearningValidator"/>.</summary>
public sealed class ValidationOptions
{
    /// <summary>Largest accepted submission in bytes. Default 256 KiB, so the public document is one IPFS block.</summary>
    public int MaxDocumentBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest nesting of objects and arrays. Learning v1 needs 2.</summary>
    public int MaxDepth { get; set; } = 8;

    public int MaxTitleLength { get; set; } = 200;

    public int MaxSummaryLength { get; set; } = 2_000;

    public int MaxBodyLength { get; set; } = 200_000;

    public int MaxTags { get; set; } = 16;

    public int MaxTagLength { get; set; } = 40;

    public int MaxLanguages { get; set; } = 10;

    /// <summary>Accept (and ignore) fields that learning v1 does not define. Off by default, so nothing unexpected slips through.</summary>
    public bool AllowUnknownFields { get; set; }

    /// <summary>Every setting that cannot work, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Positive(errors, nameof(MaxDocumentBytes), MaxDocumentBytes);
        Positive(errors, nameof(MaxTitleLength), MaxTitleLength);
        Positive(errors, nameof(MaxSummaryLength), MaxSummaryLength);
        Positive(errors, nameof(MaxBodyLength), MaxBodyLength);
        Positive(errors, nameof(MaxTagLength), MaxTagLength);
        if (MaxDepth < 2)
        {
            errors.Add($"ValidationOptions.MaxDepth must be at least 2 (learning v1 nests two levels), got {MaxDepth}.");
        }

        if (MaxTags < 0)
        {
            errors.Add($"ValidationOptions.MaxTags must not be negative, got {MaxTags}.");
        }

        if (MaxLanguages < 0)
        {
            errors.Add($"ValidationOptions.MaxLanguages must not be negative, got {MaxLanguages}.");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string name, int value)
    {
        if (value <= 0)
        {
            errors.Add($"ValidationOptions.{name} must be positive, got {value}.");
        }
    }
}
