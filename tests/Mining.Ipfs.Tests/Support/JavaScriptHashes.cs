using System.Diagnostics;
using System.Text.Json;
using Mining.Testing;

namespace Mining.Ipfs.Tests.Support;

/// <summary>CIDs computed by Helia's importer and by npm ipfs-only-hash (infra/local/ipfs/hash.mjs) for the same file.</summary>
internal static class JavaScriptHashes
{
    public static async Task<(string Helia, string? OnlyHash)> OfFileAsync(
        string path, int cidVersion, bool rawLeaves, int chunkSize = 262_144, int maxLinks = 174, bool skipOnlyHash = false)
    {
        var start = new ProcessStartInfo((await LocalTools.EnsureInstalledAsync()).Node)
        {
            WorkingDirectory = LocalTools.InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "ipfs/hash.mjs", path, "--cid-version", cidVersion.ToString(), "--chunk-size", chunkSize.ToString(), "--max-links", maxLinks.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        if (rawLeaves)
        {
            start.ArgumentList.Add("--raw-leaves");
        }

        if (skipOnlyHash)
        {
            start.ArgumentList.Add("--skip-only-hash");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"hash.mjs exited {process.ExitCode}: {await stderr}");
        }

        using var json = JsonDocument.Parse(await stdout);
        var onlyHash = json.RootElement.GetProperty("onlyHash");
        return (json.RootElement.GetProperty("helia").GetString()!, onlyHash.ValueKind == JsonValueKind.Null ? null : onlyHash.GetString());
    }
}
