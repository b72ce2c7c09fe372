using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Mining.Cli.Service;

/// <summary>
/// The service's HTTP API with one key. A 429 is waited out as its Retry-After asks (up to three times); an unreachable
/// service is a <see cref="CliException"/> with <see cref="ExitCodes.Unavailable"/> that names the URL.
/// </summary>
internal sealed class MiningApi(Connection connection) : IDisposable
{
    private const int RateLimitRetries = 3;
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = CreateClient(connection);

    public Uri Url => connection.Url;

    /// <summary>The key this instance sends (to tell whether a rotated key is the one <c>mining login</c> saved); never printed.</summary>
    public string ApiKey => connection.ApiKey;

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        SendAsync(method, path, null, null, cancellationToken);

    /// <summary>Sends one request; the answer may be an error (see <see cref="ApiResponse.EnsureSuccess"/>).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new CliException(ExitCodes.Unavailable, $"Cannot reach the service at {connection.Url} ({e.Message}): is it running, and is --url right?", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException(ExitCodes.Unavailable, $"The service at {connection.Url} did not answer {method} /{path.TrimStart('/')} within {_http.Timeout.TotalSeconds:0} s; try again.", e);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < RateLimitRetries)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < LongestRetryAfter ? wait : LongestRetryAfter, cancellationToken);
                    continue;
                }

                var headers = response.Headers.Concat(response.Content.Headers)
                    .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return new ApiResponse(method, "/" + path.TrimStart('/'), response.StatusCode, bytes, headers);
            }
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, path, cancellationToken)).EnsureSuccess().Json;

    public async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        (await SendAsync(method, path, body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body), "application/json", cancellationToken)).EnsureSuccess().Json;

    public void Dispose() => _http.Dispose();

    private static HttpClient CreateClient(Connection connection)
    {
        var http = new HttpClient { BaseAddress = connection.Url, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("X-Api-Key", connection.ApiKey);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("mining-cli", "1.0"));
        return http;
    }

    /// <summary>A path segment escaped for the URL (ids come from the user).</summary>
    public static string Segment(string text) => Uri.EscapeDataString(text);

    /// <summary>A query string of the given parameters that have values.</summary>
    public static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }

}
