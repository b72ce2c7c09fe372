using System.Text.Json;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Kubo;

public sealed partial class KuboClient
{
    /// <summary>
    /// <c>ipfs repo gc</c>: deletes every block no pin holds and returns the removed blocks as the node names them
    /// (Kubo: CIDv1 raw, since its store is keyed by multihash — compare by <see cref="Cid.Hash"/>). Pinned content (and
    /// every block of a pinned DAG) stays; running it again is harmless.
    /// </summary>
    /// <exception cref="KuboApiException">The node reported errors during the run (their messages are in the exception).</exception>
    public async Task<IReadOnlyList<Cid>> RepoGcAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(
            () => Post("repo/gc", [new("stream-errors", "true")]), cancellationToken, HttpCompletionOption.ResponseContentRead);
        await EnsureSuccessAsync("repo/gc", response, cancellationToken);
        var removed = new List<Cid>();
        var errors = new List<string>();
        foreach (var line in (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.TryGetProperty("Error", out var error) && error.GetString() is { Length: > 0 } message)
            {
                errors.Add(message);
            }
            else if (root.TryGetProperty("Key", out var key) && key.TryGetProperty("/", out var link))
            {
                removed.Add(Cid.Parse(link.GetString()!));
            }
        }

        if (errors.Count > 0)
        {
            throw new KuboApiException("repo/gc", response.StatusCode, $"removed {removed.Count} block(s), then: {string.Join("; ", errors)}");
        }

        LogCollected(_logger, removed.Count);
        return removed;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Garbage collection removed {Count} unpinned blocks from the IPFS node")]
    private static partial void LogCollected(Microsoft.Extensions.Logging.ILogger logger, int count);
}
