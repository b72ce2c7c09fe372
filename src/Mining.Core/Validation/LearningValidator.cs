using System.Text.Json;

namespace Mining.Core.Validation;

/// <summary>Validates a submitted learning against schema v1 and parses it.</summary>
/// <remarks>
/// Reports every problem at once, each with its JSON Pointer. Rejects what the schema does not define
/// (unless <see cref="ValidationOptions.AllowUnknownFields"/>), duplicate member names, invalid UTF-8 and
/// control characters, so the parsed learning is exactly what the contributor sent and nothing more.
/// </remarks>
public static partial class LearningValidator
{
    /// <summary>Current schema version; a submission may state it in <c>schemaVersion</c>.</summary>
    public const int SchemaVersion = 1;

    /// <exception cref="InvalidOptionsException">The options cannot work.</exception>
    public static ValidationResult Validate(ReadOnlySpan<byte> utf8Json, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InvalidOptionsException.ThrowIfAny(nameof(ValidationOptions), options.Validate());

        if (utf8Json.Length > options.MaxDocumentBytes)
        {
            return ValidationResult.Invalid(
            [
                new ValidationProblem(string.Empty, "too-large", $"The document is {utf8Json.Length} bytes; the limit is {options.MaxDocumentBytes} bytes (ValidationOptions.MaxDocumentBytes). Shorten the body or split the learning."),
            ]);
        }

        var structural = CheckStructure(utf8Json, options.MaxDepth);
        if (structural is not null)
        {
            return ValidationResult.Invalid([structural]);
        }

        using var document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = options.MaxDepth + 1 });
        var fields = new FieldReader(options);
        var learning = fields.ReadLearning(document.RootElement);
        return fields.Problems.Count == 0 && learning is not null
            ? ValidationResult.Valid(learning)
            : ValidationResult.Invalid(fields.Problems);
    }

    private static ValidationProblem? CheckStructure(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return new ValidationProblem(string.Empty, "invalid-json", "The document is not valid UTF-8. Send one JSON object encoded as UTF-8.");
        }

        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth + 1 > maxDepth)
                {
                    return new ValidationProblem(string.Empty, "too-deep", $"The document nests deeper than {maxDepth} levels (ValidationOptions.MaxDepth). Learning v1 needs only two; flatten the structure.");
                }
            }

            return null;
        }
        catch (JsonException exception)
        {
            return new ValidationProblem(string.Empty, "invalid-json", $"The document is not valid UTF-8 JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}). Send one JSON object encoded as UTF-8.");
        }
    }
}
