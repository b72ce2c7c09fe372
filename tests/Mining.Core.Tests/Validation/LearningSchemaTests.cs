using System.Text.Json;
using Mining.Core.Learnings;
using Mining.Core.Validation;
using Mining.Testing;

namespace Mining.Core.Tests.Validation;

public sealed class LearningSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(LearningSchema.V1).RootElement;

    [Fact]
    public void The_embedded_schema_is_the_committed_docs_file()
    {
        Assert.Equal(File.ReadAllBytes(RepositoryFiles.PathOf("docs", "schema", "learning-v1.schema.json")), LearningSchema.V1.ToArray());
    }

    [Fact]
    public void The_schema_lists_the_categories_and_licenses_the_validator_accepts()
    {
        var properties = Schema.GetProperty("properties");

        Assert.Equal(LearningCategories.All, properties.GetProperty("category").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal(LearningLicenses.Allowed, properties.GetProperty("license").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList());
    }

    [Fact]
    public void The_schema_limits_are_the_validator_defaults()
    {
        var properties = Schema.GetProperty("properties");
        var defaults = new ValidationOptions();

        Assert.Equal(defaults.MaxTitleLength, properties.GetProperty("title").GetProperty("maxLength").GetInt32());
        Assert.Equal(defaults.MaxSummaryLength, properties.GetProperty("summary").GetProperty("maxLength").GetInt32());
        Assert.Equal(defaults.MaxBodyLength, properties.GetProperty("body").GetProperty("maxLength").GetInt32());
        Assert.Equal(defaults.MaxTags, properties.GetProperty("tags").GetProperty("maxItems").GetInt32());
        Assert.Equal(defaults.MaxLanguages, properties.GetProperty("languages").GetProperty("maxItems").GetInt32());
        Assert.Equal(defaults.MaxTagLength, Schema.GetProperty("$defs").GetProperty("identifier").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public void Each_required_field_of_the_schema_is_reported_missing_by_the_validator()
    {
        var required = Schema.GetProperty("required").EnumerateArray().Select(e => "/" + e.GetString()).Order(StringComparer.Ordinal).ToList();

        var result = LearningValidator.Validate("{}"u8, new ValidationOptions());

        Assert.Equal(required, result.Problems.Where(p => p.Code == "required").Select(p => p.Path).Order(StringComparer.Ordinal).ToList());
    }
}
