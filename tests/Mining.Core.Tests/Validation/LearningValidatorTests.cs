using System.Text;
using System.Text.Json.Nodes;
using Mining.Core.Validation;

namespace Mining.Core.Tests.Validation;

public sealed class LearningValidatorTests
{
    private static readonly ValidationOptions Defaults = new();

    private static JsonObject ValidDocument() => JsonNode.Parse(Samples.Read("rust-mutex-across-await.json"))!.AsObject();

    private static ValidationResult Validate(JsonNode document, ValidationOptions? options = null) =>
        LearningValidator.Validate(Encoding.UTF8.GetBytes(document.ToJsonString()), options ?? Defaults);

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_sample_learning_is_valid(string name)
    {
        var result = LearningValidator.Validate(Samples.Read(name), Defaults);

        Assert.Empty(result.Problems);
        Assert.NotNull(result.Learning);
    }

    public static TheoryData<string> SampleNames => Samples.Names;

    [Fact]
    public void A_valid_learning_is_parsed_with_its_defaults()
    {
        var result = Validate(ValidDocument());

        Assert.True(result.IsValid);
        Assert.Equal("concurrency", result.Learning!.Category);
        Assert.Equal("CC-BY-4.0", result.Learning.License);
        Assert.Equal(["tokio", "async", "deadlock", "mutex"], result.Learning.Tags);
        Assert.Equal(0.95, result.Learning.Confidence);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_pointer()
    {
        var document = ValidDocument();
        document.Remove("title");
        document["confidence"] = 1.5;
        document["category"] = "gossip";
        document["tags"] = new JsonArray("Has Space", "ok");
        document["source"]!["sessionDigest"] = "md5:abc";
        document["rewardAddress"] = "0x90F79bf6EB2c4f870365E785982E1f101E93B906";

        var result = Validate(document);

        Assert.False(result.IsValid);
        Assert.Null(result.Learning);
        Assert.Equal(
            ["/category", "/confidence", "/rewardAddress", "/source/sessionDigest", "/tags/0", "/title"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(result.Problems, p => p.Path == "/title" && p.Code == "required");
        Assert.Contains(result.Problems, p => p.Path == "/category" && p.Message.Contains("docs/categories.md", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_field_is_rejected_and_the_error_names_the_option()
    {
        var document = ValidDocument();
        document["internalNotes"] = "do not publish";

        var problem = Assert.Single(Validate(document).Problems);

        Assert.Equal("/internalNotes", problem.Path);
        Assert.Equal("unknown-field", problem.Code);
        Assert.Contains("ValidationOptions.AllowUnknownFields", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_accepted_when_the_option_allows_them_and_are_not_carried_over()
    {
        var document = ValidDocument();
        document["source"]!["hostName"] = "ci-7";

        var result = Validate(document, new ValidationOptions { AllowUnknownFields = true });

        Assert.True(result.IsValid);
    }

    [Fact]
    public void A_field_sent_twice_is_rejected()
    {
        var json = Encoding.UTF8.GetString(Samples.Read("rust-mutex-across-await.json")).Replace("\"title\":", "\"title\": \"first\", \"title\":", StringComparison.Ordinal);

        var result = LearningValidator.Validate(Encoding.UTF8.GetBytes(json), Defaults);

        Assert.Contains(result.Problems, p => p.Path == "/title" && p.Code == "duplicate-field");
    }

    [Fact]
    public void A_document_over_the_size_limit_is_rejected_before_parsing_and_names_the_setting()
    {
        var problem = Assert.Single(LearningValidator.Validate(new byte[300 * 1024], Defaults).Problems);

        Assert.Equal("too-large", problem.Code);
        Assert.Contains("ValidationOptions.MaxDocumentBytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_limit_is_rejected()
    {
        var document = ValidDocument();
        document["tags"] = JsonNode.Parse("[[[[[[[[[[\"deep\"]]]]]]]]]]");

        var problem = Assert.Single(Validate(document).Problems);

        Assert.Equal("too-deep", problem.Code);
        Assert.Contains("ValidationOptions.MaxDepth", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_tags_and_too_long_titles_are_rejected_with_the_setting_named()
    {
        var document = ValidDocument();
        document["tags"] = new JsonArray(Enumerable.Range(0, 17).Select(i => (JsonNode)JsonValue.Create($"t{i}")).ToArray());
        document["title"] = new string('x', 201);

        var problems = Validate(document).Problems;

        Assert.Contains(problems, p => p.Path == "/tags" && p.Message.Contains("ValidationOptions.MaxTags", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "/title" && p.Message.Contains("ValidationOptions.MaxTitleLength", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Something_that_is_not_a_json_object_is_rejected(string json)
    {
        var result = LearningValidator.Validate(Encoding.UTF8.GetBytes(json), Defaults);

        Assert.False(result.IsValid);
        Assert.Equal(string.Empty, Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        byte[] bytes = [.. "{\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal("invalid-json", Assert.Single(LearningValidator.Validate(bytes, Defaults).Problems).Code);
    }

    [Theory]
    [InlineData("title", "line one\nline two")]
    [InlineData("body", "bell \u0007 character")]
    [InlineData("createdAt", "2026-11-21 22:15:00")]
    [InlineData("license", "GPL-3.0-only")]
    [InlineData("rewardAddress", "0x1234")]
    public void Malformed_values_are_rejected_at_their_pointer(string field, string value)
    {
        var document = ValidDocument();
        document[field] = value;

        Assert.Equal("/" + field, Assert.Single(Validate(document).Problems).Path);
    }

    [Theory]
    [InlineData("2026-11-21T22:15:00Z")]
    [InlineData("2026-11-21T22:15:00.1234567Z")]
    [InlineData("2026-11-21T22:15:00.123456789+02:00")]
    [InlineData("2026-11-21T23:15:00-05:30")]
    public void RFC_3339_timestamps_with_a_zone_are_accepted(string timestamp)
    {
        var document = ValidDocument();
        document["createdAt"] = timestamp;

        Assert.Empty(Validate(document).Problems);
    }

    [Fact]
    public void A_lowercase_reward_address_is_accepted_and_normalised_to_its_checksum_form()
    {
        var document = ValidDocument();
        document["rewardAddress"] = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

        Assert.Equal("0x90F79bf6EB2c4f870365E785982E1f101E93b906", Validate(document).Learning!.RewardAddress);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => LearningValidator.Validate("{}"u8, new ValidationOptions { MaxDocumentBytes = 0, MaxDepth = 1 }));

        Assert.Contains("ValidationOptions.MaxDocumentBytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("ValidationOptions.MaxDepth", error.Message, StringComparison.Ordinal);
    }
}
