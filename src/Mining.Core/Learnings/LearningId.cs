namespace Mining.Core.Learnings;

/// <summary>Identifies a submitted learning (and its publishing orchestration instance).</summary>
/// <remarks>A version 7 GUID in its 32-digit form: sortable by creation time, safe in URLs, table keys and instance ids.</remarks>
public readonly record struct LearningId(string Value)
{
    public static LearningId New(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new LearningId(Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"));
    }

    /// <exception cref="FormatException">The text is not 32 hex digits.</exception>
    public static LearningId Parse(string text)
    {
        if (!Guid.TryParseExact(text, "N", out var guid))
        {
            throw new FormatException($"'{text}' is not a learning id: expected 32 hex digits.");
        }

        return new LearningId(guid.ToString("N"));
    }

    public override string ToString() => Value;
}
