using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mining.Testing;

namespace Mining.Cli.Tests.Support;

/// <summary>Learning files for the CLI to submit: the repository's sample made distinct, an invalid one, one with a secret.</summary>
internal static class LearningFiles
{
    public static string Write(string directory, string name, Action<JsonObject>? change = null)
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "samples", "efcore-n-plus-one.json")))!.AsObject();
        sample["title"] = $"{sample["title"]} ({Guid.NewGuid():N})";
        change?.Invoke(sample);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, sample.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>Fails validation twice: no title, a confidence above 1.</summary>
    public static void Invalid(JsonObject learning)
    {
        learning.Remove("title");
        learning["confidence"] = 2;
    }

    /// <summary>Holds a GitHub token the privacy scanner blocks, in the body.</summary>
    public static void WithSecret(JsonObject learning) =>
        learning["body"] = "Set GITHUB_TOKEN=ghp_" + string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36))
            + " before running the job.\n\nThe rest of the learning explains the fix in detail so that it is long enough to be useful.";

    private static string RepositoryRoot() => RepositoryFiles.Root;
}
