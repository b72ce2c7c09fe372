using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Resilience;

namespace Mining.Ipfs.Kubo;

/// <summary>A client of the Kubo RPC API (<c>POST /api/v0/…</c>), the subset this service needs.</summary>
/// <remarks>
/// Transient failures (connection refused, timeouts, 502/503/504, 429 after its Retry-After) are retried per <see cref="KuboClientOptions.Resilience"/>;
/// a node that stays down surfaces as <see cref="IpfsEndpointUnavailableException"/>, a refused command as
/// <see cref="KuboApiException"/>. <c>add</c> is retried only when the content stream can be rewound.
/// </remarks>
public sealed partial class KuboClient
{
    private readonly KuboClientOptions _options;
    private readonly ResilientHttp _http;
    private readonly ILogger _logger;

    public KuboClient(HttpClient http, KuboClientOptions options, TimeProvider? timeProvider = null, ILogger<KuboClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new ResilientHttp(http, options.Resilience, timeProvider ?? TimeProvider.System, _logger);
    }

    /// <summary><c>ipfs id</c>; also a health check.</summary>
    public async Task<KuboPeerInfo> IdAsync(CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("id", [], cancellationToken);
        var root = json.RootElement;
        return new KuboPeerInfo(
            root.GetProperty("ID").GetString()!,
            [.. root.GetProperty("Addresses").EnumerateArray().Select(a => a.GetString()!)],
            root.TryGetProperty("AgentVersion", out var agent) ? agent.GetString() ?? string.Empty : string.Empty);
    }

    /// <summary><c>ipfs version</c>.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var json = await PostJsonAsync("version", [], cancellationToken);
        return json.RootElement.GetProperty("Version").GetString()!;
    }

    /// <summary><c>ipfs add</c> of one file.</summary>
    public async Task<KuboAddResult> AddAsync(Stream content, KuboAddOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= KuboAddOptions.Default;
        var query = new List<KeyValuePair<string, string>>
        {
            new("cid-version", options.CidVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("pin", options.Pin ? "true" : "false"),
            new("only-hash", options.OnlyHash ? "true" : "false"),
        };
        if (options.RawLeaves is { } rawLeaves)
        {
            query.Add(new("raw-leaves", rawLeaves ? "true" : "false"));
        }

        var start = content.CanSeek ? content.Position : 0;
        using var response = await _http.SendAsync(
            () =>
            {
                if (content.CanSeek)
                {
                    content.Position = start;
                }

                return Post("add", query, FileContent(ReadOnlyStreamView.Borrowing(content), options.FileName));
            },
            cancellationToken,
            HttpCompletionOption.ResponseContentRead,
            retry: content.CanSeek);
        await EnsureSuccessAsync("add", response, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        var size = root.TryGetProperty("Size", out var sizeElement) && long.TryParse(sizeElement.GetString(), out var parsed) ? parsed : 0;
        var result = new KuboAddResult(Cid.Parse(root.GetProperty("Hash").GetString()!), root.GetProperty("Name").GetString() ?? string.Empty, size);
        LogAdded(_logger, result.Cid, result.Size, options.Pin);
        return result;
    }

    /// <summary><c>ipfs cat</c>: the file's bytes, streamed; dispose the stream.</summary>
    public async Task<Stream> CatAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var response = await _http.SendAsync(() => Post("cat", [Arg(cid)]), cancellationToken);
        try
        {
            await EnsureSuccessAsync("cat", response, cancellationToken);
            return ReadOnlyStreamView.OwningResponse(response, await response.Content.ReadAsStreamAsync(cancellationToken));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static KeyValuePair<string, string> Arg(Cid cid) => new("arg", cid.ToString());

    private static MultipartFormDataContent FileContent(Stream content, string fileName)
    {
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private HttpRequestMessage Post(string command, IEnumerable<KeyValuePair<string, string>> query, HttpContent? content = null)
    {
        var text = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var baseUrl = _options.ApiUrl.ToString().TrimEnd('/');
        return new HttpRequestMessage(HttpMethod.Post, new Uri($"{baseUrl}/api/v0/{command}{(text.Length > 0 ? "?" + text : string.Empty)}"))
        {
            Content = content,
        };
    }

    private async Task<JsonDocument> PostJsonAsync(string command, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using var response = await _http.SendAsync(() => Post(command, query, content), cancellationToken, HttpCompletionOption.ResponseContentRead, retry: content is null);
        await EnsureSuccessAsync(command, response, cancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    private static async Task EnsureSuccessAsync(string command, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = body;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("Message", out var m))
            {
                message = m.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            message = body.Length > 300 ? body[..300] : body;
        }

        throw new KuboApiException(command, response.StatusCode, message.Trim());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Cid} ({Size} bytes) to the IPFS node, pinned: {Pinned}")]
    private static partial void LogAdded(ILogger logger, Cid cid, long size, bool pinned);
}
