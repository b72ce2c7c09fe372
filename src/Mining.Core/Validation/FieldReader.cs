using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mining.Core.Learnings;
using Mining.Ethereum;

namespace Mining.Core.Validation;

/// <summary>Reads learning v1 fields from a parsed document, collecting a problem for every rule broken.</summary>
internal sealed partial class FieldReader(ValidationOptions options)
{
    private static readonly string[] RootFields =
        ["schemaVersion", "title", "summary", "body", "category", "tags", "confidence", "quality", "languages", "source", "sanitizer", "rewardAddress", "license", "createdAt"];

    private static readonly string[] SourceFields = ["tool", "sessionDigest", "createdAt"];

    private static readonly string[] SanitizerFields = ["name", "version", "redactionCount"];

    public List<ValidationProblem> Problems { get; } = [];

    public LearningInput? ReadLearning(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Add(string.Empty, "wrong-type", $"The document must be a JSON object, not {Describe(root.ValueKind)}.");
            return null;
        }

        var members = Members(root, string.Empty, RootFields, "learning v1");
        if (members.TryGetValue("schemaVersion", out var version)
            && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != LearningValidator.SchemaVersion))
        {
            Add("/schemaVersion", "unsupported-version", $"schemaVersion must be {LearningValidator.SchemaVersion}; this service publishes learning v{LearningValidator.SchemaVersion} only.");
        }

        var title = Text(members, string.Empty, "title", options.MaxTitleLength, nameof(ValidationOptions.MaxTitleLength), singleLine: true);
        var summary = Text(members, string.Empty, "summary", options.MaxSummaryLength, nameof(ValidationOptions.MaxSummaryLength), singleLine: false);
        var body = Text(members, string.Empty, "body", options.MaxBodyLength, nameof(ValidationOptions.MaxBodyLength), singleLine: false);
        var category = Text(members, string.Empty, "category", 64, null, singleLine: true);
        if (category is not null && !LearningCategories.IsKnown(category))
        {
            Add("/category", "unknown-category", $"'{category}' is not a category; use one of: {string.Join(", ", LearningCategories.All)} (see docs/categories.md).");
        }

        var tags = Identifiers(members, "tags", options.MaxTags, nameof(ValidationOptions.MaxTags), required: false);
        var languages = Identifiers(members, "languages", options.MaxLanguages, nameof(ValidationOptions.MaxLanguages), required: true);
        var confidence = Number(members, "confidence", 0, 1);
        var quality = Number(members, "quality", 0, 100);
        var source = ReadSource(members);
        var sanitizer = ReadSanitizer(members);
        var rewardAddress = Text(members, string.Empty, "rewardAddress", 42, null, singleLine: true);
        if (rewardAddress is not null && !(rewardAddress.StartsWith("0x", StringComparison.Ordinal) && Address.TryParse(rewardAddress, out _)))
        {
            Add("/rewardAddress", "invalid-address", "rewardAddress must be an Ethereum address: 0x followed by 40 hex digits, with a correct EIP-55 checksum if it mixes cases.");
        }

        var license = LearningLicenses.Default;
        if (members.ContainsKey("license"))
        {
            license = Text(members, string.Empty, "license", 64, null, singleLine: true) ?? license;
            if (!LearningLicenses.IsAllowed(license))
            {
                Add("/license", "license-not-allowed", $"'{license}' is not an allowed license; use one of: {string.Join(", ", LearningLicenses.Allowed)}, or leave it out for {LearningLicenses.Default}.");
            }
        }

        var createdAt = Timestamp(members, string.Empty, "createdAt");

        if (Problems.Count > 0)
        {
            return null;
        }

        return new LearningInput
        {
            Title = title!,
            Summary = summary!,
            Body = body!,
            Category = category!,
            Tags = tags!,
            Confidence = confidence!.Value,
            Quality = quality!.Value,
            Languages = languages!,
            Source = source!,
            Sanitizer = sanitizer!,
            RewardAddress = Address.Parse(rewardAddress!).ToString(),
            License = license,
            CreatedAt = createdAt!.Value,
        };
    }

    private LearningSource? ReadSource(Dictionary<string, JsonElement> root)
    {
        var members = Object(root, "source", SourceFields);
        if (members is null)
        {
            return null;
        }

        var tool = Text(members, "/source", "tool", 100, null, singleLine: true);
        var digest = Text(members, "/source", "sessionDigest", 71, null, singleLine: true);
        if (digest is not null && !SessionDigestPattern().IsMatch(digest))
        {
            Add("/source/sessionDigest", "invalid-digest", "sessionDigest must be 'sha256:' followed by 64 lowercase hex digits (a digest of the session, never the session itself).");
        }

        var created = Timestamp(members, "/source", "createdAt");
        return tool is null || digest is null || created is null ? null : new LearningSource(tool, digest, created.Value);
    }

    private SanitizerInfo? ReadSanitizer(Dictionary<string, JsonElement> root)
    {
        var members = Object(root, "sanitizer", SanitizerFields);
        if (members is null)
        {
            return null;
        }

        var name = Text(members, "/sanitizer", "name", 100, null, singleLine: true);
        var version = Text(members, "/sanitizer", "version", 50, null, singleLine: true);
        int? count = null;
        if (!members.TryGetValue("redactionCount", out var element))
        {
            Add("/sanitizer/redactionCount", "required", "redactionCount is required: how many redactions the sanitizer made (0 if none).");
        }
        else if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value) || value < 0)
        {
            Add("/sanitizer/redactionCount", "out-of-range", "redactionCount must be a whole number, 0 or more.");
        }
        else
        {
            count = value;
        }

        return name is null || version is null || count is null ? null : new SanitizerInfo(name, version, count.Value);
    }

    private Dictionary<string, JsonElement>? Object(Dictionary<string, JsonElement> parent, string name, string[] known)
    {
        var pointer = "/" + name;
        if (!parent.TryGetValue(name, out var element))
        {
            Add(pointer, "required", $"{name} is required.");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(pointer, "wrong-type", $"{name} must be an object, not {Describe(element.ValueKind)}.");
            return null;
        }

        return Members(element, pointer, known, name);
    }

    private Dictionary<string, JsonElement> Members(JsonElement element, string pointer, string[] known, string what)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var path = JsonPointer.Append(pointer, property.Name);
            if (!members.TryAdd(property.Name, property.Value))
            {
                Add(path, "duplicate-field", $"'{property.Name}' appears more than once; send each field once.");
            }
            else if (!known.Contains(property.Name, StringComparer.Ordinal) && !options.AllowUnknownFields)
            {
                Add(path, "unknown-field", $"'{property.Name}' is not a field of {what}; remove it (or set ValidationOptions.AllowUnknownFields to ignore unknown fields; they are never published).");
            }
        }

        return members;
    }

    private string? Text(Dictionary<string, JsonElement> members, string parent, string name, int maxLength, string? setting, bool singleLine)
    {
        var pointer = JsonPointer.Append(parent, name);
        if (!members.TryGetValue(name, out var element))
        {
            Add(pointer, "required", $"{name} is required.");
            return null;
        }

        return String(element, pointer, name, maxLength, setting, singleLine);
    }

    private string? String(JsonElement element, string pointer, string name, int maxLength, string? setting, bool singleLine)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Add(pointer, "wrong-type", $"{name} must be a string, not {Describe(element.ValueKind)}.");
            return null;
        }

        string value;
        try
        {
            value = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            Add(pointer, "invalid-text", $"{name} holds an invalid escape or unpaired surrogate; send well-formed Unicode.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Add(pointer, "empty", $"{name} must not be empty.");
            return null;
        }

        var limit = setting is null ? string.Empty : $" (ValidationOptions.{setting})";
        if (value.Length > maxLength)
        {
            Add(pointer, "too-long", $"{name} is {value.Length} characters; the limit is {maxLength}{limit}.");
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])))
            {
                Add(pointer, "invalid-text", $"{name} holds an unpaired surrogate at index {i}; send well-formed Unicode.");
                return null;
            }

            if (char.IsControl(c) && (singleLine || (c != '\n' && c != '\r' && c != '\t')))
            {
                var allowed = singleLine ? "no control characters or line breaks" : "no control characters except tab and line breaks";
                Add(pointer, "invalid-text", $"{name} holds control character U+{(int)c:X4} at index {i}; {name} allows {allowed}.");
                return null;
            }
        }

        return value;
    }

    private List<string>? Identifiers(Dictionary<string, JsonElement> members, string name, int maxCount, string setting, bool required)
    {
        var pointer = "/" + name;
        if (!members.TryGetValue(name, out var element))
        {
            if (required)
            {
                Add(pointer, "required", $"{name} is required (at least one).");
                return null;
            }

            return [];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            Add(pointer, "wrong-type", $"{name} must be an array of strings, not {Describe(element.ValueKind)}.");
            return null;
        }

        var count = element.GetArrayLength();
        if (count > maxCount)
        {
            Add(pointer, "too-many", $"{name} has {count} entries; the limit is {maxCount} (ValidationOptions.{setting}).");
            return null;
        }

        if (required && count == 0)
        {
            Add(pointer, "empty", $"{name} needs at least one entry.");
            return null;
        }

        var values = new List<string>(count);
        var ok = true;
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPointer = JsonPointer.Append(pointer, index++);
            var value = String(item, itemPointer, $"{name} entry", options.MaxTagLength, nameof(ValidationOptions.MaxTagLength), singleLine: true);
            if (value is null)
            {
                ok = false;
            }
            else if (!IdentifierPattern().IsMatch(value))
            {
                Add(itemPointer, "invalid-identifier", $"Each {name} entry must be lowercase letters, digits and + # . - only, starting with a letter or digit (e.g. 'csharp', 'c++', 'asp.net-core').");
                ok = false;
            }
            else if (values.Contains(value, StringComparer.Ordinal))
            {
                Add(itemPointer, "duplicate-entry", $"This entry repeats an earlier one in {name}; list each once.");
                ok = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return ok ? values : null;
    }

    private double? Number(Dictionary<string, JsonElement> members, string name, double min, double max)
    {
        var pointer = "/" + name;
        if (!members.TryGetValue(name, out var element))
        {
            Add(pointer, "required", $"{name} is required ({min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}).");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            Add(pointer, "wrong-type", $"{name} must be a number, not {Describe(element.ValueKind)}.");
            return null;
        }

        if (value < min || value > max)
        {
            Add(pointer, "out-of-range", $"{name} is {value.ToString(CultureInfo.InvariantCulture)}; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return value;
    }

    private DateTimeOffset? Timestamp(Dictionary<string, JsonElement> members, string parent, string name)
    {
        var pointer = JsonPointer.Append(parent, name);
        var text = Text(members, parent, name, 40, null, singleLine: true);
        if (text is null)
        {
            return null;
        }

        if (!TimestampPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            Add(pointer, "invalid-timestamp", $"{name} must be an RFC 3339 timestamp with a time zone, e.g. 2026-01-31T12:00:00Z.");
            return null;
        }

        return value;
    }

    private void Add(string pointer, string code, string message) => Problems.Add(new ValidationProblem(pointer, code, message));

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SessionDigestPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9+#.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
