using System.Text;
using System.Text.Json;
using Mining.Core.Canonical;
using Mining.Core.Learnings;
using Mining.Core.Preparation;
using Mining.Core.Validation;
using Mining.Testing;

namespace Mining.Core.Tests.Preparation;

public sealed class ContentPreparerTests
{
    private static readonly PreparationContext Context = new("1.2.3", new DateTimeOffset(2026, 11, 24, 8, 30, 0, 250, TimeSpan.Zero));

    private static LearningInput Sample(string name = "efcore-n-plus-one.json") =>
        LearningValidator.Validate(Samples.Read(name), new ValidationOptions()).Learning!;

    [Fact]
    public void The_same_learning_always_gives_the_same_bytes_and_cid()
    {
        var first = ContentPreparer.Prepare(Sample(), Context);
        var second = ContentPreparer.Prepare(Sample(), Context);

        Assert.Equal(first.Bytes, second.Bytes);
        Assert.Equal(first.Cid, second.Cid);
    }

    [Fact]
    public void The_bytes_are_canonical_json()
    {
        var document = ContentPreparer.Prepare(Sample(), Context);

        Assert.Equal(document.Bytes, JsonCanonicalizer.Canonicalize(document.Bytes));
    }

    [Fact]
    public void Only_allow_listed_fields_cross_over()
    {
        var input = Sample();
        var document = JsonDocument.Parse(ContentPreparer.Prepare(input, Context).Bytes).RootElement;

        Assert.Equal(["content", "contributor", "license", "metadata", "provenance", "schemaVersion"], Names(document));
        Assert.Equal(["body", "summary", "title"], Names(document.GetProperty("content")));
        Assert.Equal(["category", "confidence", "createdAt", "languages", "quality", "tags"], Names(document.GetProperty("metadata")));
        Assert.Equal(["inputDigest", "preparedAt", "sanitizer", "service"], Names(document.GetProperty("provenance")));
        Assert.Equal(["name", "version"], Names(document.GetProperty("provenance").GetProperty("sanitizer")));
        Assert.Equal(["rewardAddress"], Names(document.GetProperty("contributor")));
        var text = Encoding.UTF8.GetString(ContentPreparer.Prepare(input, Context).Bytes);
        Assert.DoesNotContain(input.Source.SessionDigest, text, StringComparison.Ordinal);
        Assert.DoesNotContain(input.Source.Tool, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_records_the_service_version_preparation_time_and_input_digest()
    {
        var prepared = ContentPreparer.Prepare(Sample(), Context);
        var provenance = JsonDocument.Parse(prepared.Bytes).RootElement.GetProperty("provenance");

        Assert.Equal("1.2.3", provenance.GetProperty("service").GetProperty("version").GetString());
        Assert.Equal("2026-11-24T08:30:00.25Z", provenance.GetProperty("preparedAt").GetString());
        Assert.Equal(prepared.InputDigest, provenance.GetProperty("inputDigest").GetString());
        Assert.Matches("^sha256:[0-9a-f]{64}$", prepared.InputDigest);
    }

    [Fact]
    public void A_changed_body_changes_the_digest_and_the_cid()
    {
        var original = ContentPreparer.Prepare(Sample(), Context);
        var changed = ContentPreparer.Prepare(Sample() with { Body = Sample().Body + "\nOne more line.\n" }, Context);

        Assert.NotEqual(original.InputDigest, changed.InputDigest);
        Assert.NotEqual(original.Cid, changed.Cid);
    }

    [Fact]
    public void The_cid_is_the_raw_block_cid_the_reference_implementation_computes()
    {
        var documents = Samples.Paths.Select(p => ContentPreparer.Prepare(Sample(Path.GetFileName(p)), Context)).ToList();

        var reference = StackNode.Check("cid.mjs", string.Join('\n', documents.Select(d => Convert.ToBase64String(d.Bytes))) + "\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(reference, documents.Select(d => d.Cid.ToString()).ToArray());
        Assert.All(documents, d => Assert.StartsWith("bafkrei", d.Cid.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_cid_is_what_ipfs_add_with_raw_leaves_gives_for_the_same_bytes()
    {
        var documents = Samples.Paths.Select(p => ContentPreparer.Prepare(Sample(Path.GetFileName(p)), Context)).ToList();

        var reference = StackNode.Check("unixfs-cid.mjs", string.Join('\n', documents.Select(d => Convert.ToBase64String(d.Bytes))) + "\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(reference, documents.Select(d => d.Cid.ToString()).ToArray());
    }

    [Fact]
    public void A_document_that_would_not_fit_in_one_block_is_refused()
    {
        var huge = Sample() with { Body = new string('a', ContentPreparer.MaxDocumentBytes) };

        var error = Assert.Throws<DocumentTooLargeException>(() => ContentPreparer.Prepare(huge, Context));
        Assert.Equal(ContentPreparer.MaxDocumentBytes, error.Limit);
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
