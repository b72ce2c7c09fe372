namespace Mining.Core.Validation;

/// <summary>The JSON Schema of learning v1 (<c>docs/schema/learning-v1.schema.json</c>), embedded so the API can serve it.</summary>
/// <remarks><see cref="LearningValidator"/> enforces the same rules; a test keeps the two in step.</remarks>
public static class LearningSchema
{
    public const string MediaType = "application/schema+json";

    /// <summary>The schema's UTF-8 bytes, exactly as committed in <c>docs/schema</c>.</summary>
    public static ReadOnlyMemory<byte> V1 { get; } = Load();

    private static byte[] Load()
    {
        using var stream = typeof(LearningSchema).Assembly.GetManifestResourceStream("Mining.Core.learning-v1.schema.json")
            ?? throw new InvalidOperationException("The embedded learning v1 schema is missing from Mining.Core; rebuild the project.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
