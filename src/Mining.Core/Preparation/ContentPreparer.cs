using Mining.Core.Canonical;
using Mining.Core.Learnings;
using Mining.Ethereum;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.UnixFs;

namespace Mining.Core.Preparation;

/// <summary>Turns an accepted learning into its public document: canonical bytes plus their CID.</summary>
/// <remarks>
/// Guarantees: only allow-listed fields cross over (title, summary, body, category, tags, languages, confidence,
/// quality, created time, license, sanitizer name and version, reward address); the same input and context always
/// give the same bytes and CID; the result fits in one IPFS block (<see cref="MaxDocumentBytes"/>).
/// Run <see cref="Privacy.PrivacyScanner"/> on the input before and on <see cref="PreparedDocument.Bytes"/> after.
/// </remarks>
public static class ContentPreparer
{
    /// <summary>One IPFS block (the default chunk size of 256 KiB).</summary>
    public const int MaxDocumentBytes = 256 * 1024;

    public const int SchemaVersion = 1;

    /// <summary>Service name recorded in provenance.</summary>
    public const string ServiceName = "mining-functions";

    /// <exception cref="DocumentTooLargeException">The public document would exceed <see cref="MaxDocumentBytes"/>.</exception>
    public static PreparedDocument Prepare(LearningInput input, PreparationContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(context.ServiceVersion);

        var inputDigest = InputDigest.Compute(input);
        var document = new Dictionary<string, object?>
        {
            ["schemaVersion"] = SchemaVersion,
            ["content"] = new Dictionary<string, object?>
            {
                ["title"] = input.Title,
                ["summary"] = input.Summary,
                ["body"] = input.Body,
            },
            ["metadata"] = new Dictionary<string, object?>
            {
                ["category"] = input.Category,
                ["tags"] = input.Tags,
                ["languages"] = input.Languages,
                ["confidence"] = input.Confidence,
                ["quality"] = input.Quality,
                ["createdAt"] = Timestamps.Format(input.CreatedAt),
            },
            ["license"] = input.License,
            ["provenance"] = new Dictionary<string, object?>
            {
                ["sanitizer"] = new Dictionary<string, object?>
                {
                    ["name"] = input.Sanitizer.Name,
                    ["version"] = input.Sanitizer.Version,
                },
                ["service"] = new Dictionary<string, object?>
                {
                    ["name"] = ServiceName,
                    ["version"] = context.ServiceVersion,
                },
                ["inputDigest"] = inputDigest,
                ["preparedAt"] = Timestamps.Format(context.PreparedAt),
            },
            ["contributor"] = new Dictionary<string, object?>
            {
                ["rewardAddress"] = Address.Parse(input.RewardAddress).ToString(),
            },
        };

        var bytes = JsonCanonicalizer.Canonicalize(document);
        if (bytes.Length > MaxDocumentBytes)
        {
            throw new DocumentTooLargeException(bytes.Length, MaxDocumentBytes);
        }

        return new PreparedDocument(bytes, ComputeCid(bytes), inputDigest, context.PreparedAt, SchemaVersion);
    }

    /// <summary>The CID a document is published under: Mining.Ipfs's UnixFS importer with Kubo's <c>--cid-version 1</c> profile
    /// (raw leaves, 256 KiB chunks), the CID <c>ipfs add</c> and the pin targets give. Pure: nothing leaves the machine.</summary>
    public static Cid ComputeCid(ReadOnlySpan<byte> bytes) => UnixFsImporter.ComputeCid(bytes, UnixFsImportOptions.KuboCidV1);
}
