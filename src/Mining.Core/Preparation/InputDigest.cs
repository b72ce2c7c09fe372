using System.Security.Cryptography;
using Mining.Core.Canonical;
using Mining.Core.Learnings;

namespace Mining.Core.Preparation;

/// <summary>The digest of an accepted input, recorded in the public document's provenance.</summary>
/// <remarks>
/// <c>sha256:</c> + hex of SHA-256 over the RFC 8785 form of the input as accepted (field names of schema v1,
/// reward address in EIP-55 form, license defaulted). Anyone holding the submission can recompute it;
/// nobody can recover the unpublished fields from it.
/// </remarks>
internal static class InputDigest
{
    public static string Compute(LearningInput input)
    {
        var canonical = JsonCanonicalizer.Canonicalize(ToTree(input));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    private static Dictionary<string, object?> ToTree(LearningInput input) => new()
    {
        ["schemaVersion"] = 1,
        ["title"] = input.Title,
        ["summary"] = input.Summary,
        ["body"] = input.Body,
        ["category"] = input.Category,
        ["tags"] = input.Tags,
        ["confidence"] = input.Confidence,
        ["quality"] = input.Quality,
        ["languages"] = input.Languages,
        ["source"] = new Dictionary<string, object?>
        {
            ["tool"] = input.Source.Tool,
            ["sessionDigest"] = input.Source.SessionDigest,
            ["createdAt"] = Timestamps.Format(input.Source.CreatedAt),
        },
        ["sanitizer"] = new Dictionary<string, object?>
        {
            ["name"] = input.Sanitizer.Name,
            ["version"] = input.Sanitizer.Version,
            ["redactionCount"] = input.Sanitizer.RedactionCount,
        },
        ["rewardAddress"] = input.RewardAddress,
        ["license"] = input.License,
        ["createdAt"] = Timestamps.Format(input.CreatedAt),
    };
}
