using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Resilience;
using static Mining.Ipfs.Pinning.PinningJson;

namespace Mining.Ipfs.Pinning;

/// <summary>A client of one provider's IPFS Pinning Service API v1.0.0.</summary>
/// <remarks>
/// Every request carries the bearer token (never logged). 429 and transient failures are retried per
/// <see cref="PinningServiceOptions.Resilience"/>, waiting at least the server's Retry-After; 409 becomes
/// <see cref="InsufficientFundsException"/>; other refusals become <see cref="PinningServiceException"/>.
/// <see cref="WaitUntilPinnedAsync"/> polls with backoff and gives up after <see cref="PinningServiceOptions.PinTimeout"/>.
/// </remarks>
public sealed partial class PinningServiceClient
{
    private readonly PinningServiceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResilientHttp _http;

    public PinningServiceClient(HttpClient http, PinningServiceOptions options, TimeProvider? timeProvider = null, ILogger<PinningServiceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new ResilientHttp(http, options.Resilience, _timeProvider, _logger);
    }

    public string Name => _options.Name;

    /// <summary><c>POST /pins</c>: asks the provider to pin; returns the queued request.</summary>
    public async Task<PinStatus> AddAsync(Pin pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        var status = await SendAsync(HttpMethod.Post, "pins", ToDto(pin), cancellationToken);
        LogRequested(_logger, pin.Cid, _options.Name, status.RequestId);
        return status;
    }

    /// <summary><c>GET /pins/{requestid}</c>.</summary>
    public Task<PinStatus> GetAsync(string requestId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "pins/" + Uri.EscapeDataString(requestId), null, cancellationToken);

    /// <summary><c>POST /pins/{requestid}</c>: replaces a request's pin; the provider answers with a new request id.</summary>
    public Task<PinStatus> ReplaceAsync(string requestId, Pin pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pin);
        return SendAsync(HttpMethod.Post, "pins/" + Uri.EscapeDataString(requestId), ToDto(pin), cancellationToken);
    }

    /// <summary><c>DELETE /pins/{requestid}</c>.</summary>
    public async Task RemoveAsync(string requestId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(() => Request(HttpMethod.Delete, "pins/" + Uri.EscapeDataString(requestId), null), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary><c>GET /pins</c> with filters.</summary>
    public async Task<PinList> ListAsync(PinListQuery? query = null, CancellationToken cancellationToken = default)
    {
        using var response = await _http.SendAsync(() => Request(HttpMethod.Get, "pins" + QueryString(query ?? new PinListQuery()), null), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var dto = await response.Content.ReadFromJsonAsync<PinResultsDto>(PinningJson.Options, cancellationToken)
            ?? throw new PinningServiceException($"Pinning service '{_options.Name}' answered GET /pins with an empty body.");
        return new PinList(dto.Count, [.. dto.Results.Select(FromDto)]);
    }

    /// <summary>Polls a request until it is pinned.</summary>
    /// <exception cref="PinFailedException">It failed, or was still queued/pinning after <see cref="PinningServiceOptions.PinTimeout"/>.</exception>
    public async Task<PinStatus> WaitUntilPinnedAsync(string requestId, CancellationToken cancellationToken = default)
    {
        var deadline = _timeProvider.GetUtcNow() + _options.PinTimeout;
        var delay = _options.PollInterval;
        while (true)
        {
            var status = await GetAsync(requestId, cancellationToken);
            switch (status.Status)
            {
                case PinningStatus.Pinned:
                    LogPinned(_logger, status.Pin.Cid, _options.Name);
                    return status;
                case PinningStatus.Failed:
                    throw new PinFailedException(_options.Name, status, "failed");
            }

            var remaining = deadline - _timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new PinFailedException(_options.Name, status, $"did not complete within {_options.PinTimeout}");
            }

            await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }

    /// <summary>Adds the pin and waits until the provider holds it.</summary>
    public async Task<PinStatus> PinAsync(Pin pin, CancellationToken cancellationToken = default)
    {
        var status = await AddAsync(pin, cancellationToken);
        return status.Status == PinningStatus.Pinned ? status : await WaitUntilPinnedAsync(status.RequestId, cancellationToken);
    }

    private async Task<PinStatus> SendAsync(HttpMethod method, string path, PinDto? body, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(() => Request(method, path, body), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var dto = await response.Content.ReadFromJsonAsync<PinStatusDto>(PinningJson.Options, cancellationToken)
            ?? throw new PinningServiceException($"Pinning service '{_options.Name}' answered {method} /{path} with an empty body.");
        return FromDto(dto);
    }

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery, PinDto? body)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.Endpoint!.ToString().TrimEnd('/') + "/" + pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: PinningJson.Options);
        }

        return request;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? reason = null, details = null;
        try
        {
            var failure = JsonSerializer.Deserialize<FailureDto>(text, PinningJson.Options);
            reason = failure?.Error?.Reason;
            details = failure?.Error?.Details;
        }
        catch (JsonException)
        {
            details = text.Length > 300 ? text[..300] : text;
        }

        reason ??= response.StatusCode.ToString();
        throw response.StatusCode switch
        {
            HttpStatusCode.Conflict => new InsufficientFundsException(_options.Name, reason, details),
            HttpStatusCode.Unauthorized => new PinningServiceException(_options.Name, response.StatusCode, reason, details, $"Check {nameof(PinningServiceOptions.AccessToken)} for this provider."),
            HttpStatusCode.NotFound => new PinningServiceException(_options.Name, response.StatusCode, reason, details, "The pin request does not exist (removed, replaced, or another account's)."),
            HttpStatusCode.TooManyRequests => new PinningServiceException(_options.Name, response.StatusCode, reason, details, "Still rate limited after every retry; lower the request rate or raise the retry delay."),
            _ => new PinningServiceException(_options.Name, response.StatusCode, reason, details, "The request was refused; see the details."),
        };
    }

    private static string QueryString(PinListQuery query)
    {
        var parts = new List<string>();
        void Add(string key, string value) => parts.Add($"{key}={Uri.EscapeDataString(value)}");
        if (query.Cids is { Count: > 0 } cids)
        {
            if (cids.Count > 10)
            {
                throw new ArgumentException("The Pinning Service API filters by at most 10 CIDs at a time.", nameof(query));
            }

            Add("cid", string.Join(',', cids));
        }

        if (query.Name is { } name)
        {
            Add("name", name);
            Add("match", query.Match.ToString().ToLowerInvariant());
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            Add("status", string.Join(',', statuses.Select(s => s.ToString().ToLowerInvariant())));
        }

        if (query.Before is { } before)
        {
            Add("before", before.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.After is { } after)
        {
            Add("after", after.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }

        if (query.Limit is { } limit)
        {
            Add("limit", limit.ToString(CultureInfo.InvariantCulture));
        }

        if (query.Meta is { Count: > 0 } meta)
        {
            Add("meta", JsonSerializer.Serialize(meta, PinningJson.Options));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    private static PinDto ToDto(Pin pin) => new(pin.Cid.ToString(), pin.Name, pin.Origins, pin.Meta);

    private PinStatus FromDto(PinStatusDto dto)
    {
        var status = dto.Status switch
        {
            "queued" => PinningStatus.Queued,
            "pinning" => PinningStatus.Pinning,
            "pinned" => PinningStatus.Pinned,
            "failed" => PinningStatus.Failed,
            _ => throw new PinningServiceException($"Pinning service '{_options.Name}' reported unknown status '{dto.Status}' for request {dto.RequestId}."),
        };
        var pin = new Pin(Cid.Parse(dto.Pin.Cid), dto.Pin.Name, dto.Pin.Origins, dto.Pin.Meta);
        return new PinStatus(dto.RequestId, status, dto.Created, pin, dto.Delegates ?? [], dto.Info ?? new Dictionary<string, string>());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Asked pinning service {Provider} to pin {Cid} (request {RequestId})")]
    private static partial void LogRequested(ILogger logger, Cid cid, string provider, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cid} is pinned on {Provider}")]
    private static partial void LogPinned(ILogger logger, Cid cid, string provider);
}
