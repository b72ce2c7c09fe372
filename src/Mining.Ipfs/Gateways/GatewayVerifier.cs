using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ipfs.Car;
using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;
using Mining.Ipfs.Resilience;

namespace Mining.Ipfs.Gateways;

/// <summary>Checks that independent gateways serve exactly the content a CID names (trustless gateway protocol).</summary>
/// <remarks>
/// A gateway is never trusted: every block it returns is hashed and compared with its CID, a CAR must contain exactly
/// the blocks the DAG links to, and a response that is wrong, truncated or padded makes the gateway
/// <see cref="GatewayOutcome.Tampered"/>, which never counts towards the quorum. Gateways are queried concurrently.
/// </remarks>
public sealed partial class GatewayVerifier
{
    private const string RawMediaType = "application/vnd.ipld.raw";
    private const string CarMediaType = "application/vnd.ipld.car";

    private readonly GatewayVerifierOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResilientHttp _http;

    public GatewayVerifier(HttpClient http, GatewayVerifierOptions options, TimeProvider? timeProvider = null, ILogger<GatewayVerifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new ResilientHttp(http, options.Resilience, _timeProvider, _logger);
    }

    /// <summary>Asks every configured gateway for <paramref name="cid"/> and verifies what each returns.</summary>
    public async Task<GatewayQuorumResult> VerifyAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        var results = await Task.WhenAll(_options.Gateways.Select(g => VerifyOnAsync(g, cid, cancellationToken)));
        var verdict = new GatewayQuorumResult(cid, _options.Quorum, results);
        if (verdict.QuorumReached)
        {
            LogQuorum(_logger, cid, verdict.VerifiedCount, results.Length);
        }
        else
        {
            LogQuorumFailed(_logger, cid, verdict.Summary);
        }

        return verdict;
    }

    /// <summary>Verifies <paramref name="cid"/> on one gateway.</summary>
    public async Task<GatewayVerification> VerifyOnAsync(Uri gateway, Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var started = _timeProvider.GetTimestamp();
        bool? cached = null;
        var counter = new Counter();
        GatewayVerification Result(GatewayOutcome outcome, string reason) =>
            new(gateway, outcome, _timeProvider.GetElapsedTime(started), reason, counter.Bytes, counter.Blocks, cached);

        try
        {
            if (_options.ProbeOnlyIfCached)
            {
                cached = await ProbeCachedAsync(gateway, cid, cancellationToken);
            }

            var car = _options.Mode == GatewayFetchMode.Car || (_options.Mode == GatewayFetchMode.Auto && cid.Codec != Multicodec.Raw);
            using var response = await _http.SendAsync(() => Request(HttpMethod.Get, gateway, cid, car, onlyIfCached: false), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Result(GatewayOutcome.Unavailable, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var counted = new CountingStream(body, counter, _options.MaxDagBytes);
            var outcome = car
                ? await VerifyCarAsync(counted, cid, counter, cancellationToken)
                : await VerifyRawAsync(counted, cid, counter, cancellationToken);
            var result = Result(outcome.Outcome, outcome.Reason);
            if (result.Outcome == GatewayOutcome.Tampered)
            {
                LogTampered(_logger, cid, gateway, result.Reason);
            }

            return result;
        }
        catch (IpfsEndpointUnavailableException ex)
        {
            return Result(GatewayOutcome.Unavailable, ex.Message);
        }
        catch (DagTooLargeException ex)
        {
            return Result(GatewayOutcome.Unavailable, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return Result(GatewayOutcome.Unavailable, $"the response broke off: {ex.Message}");
        }
    }

    private async Task<bool?> ProbeCachedAsync(Uri gateway, Cid cid, CancellationToken cancellationToken)
    {
        using var probe = await _http.SendAsync(() => Request(HttpMethod.Head, gateway, cid, car: false, onlyIfCached: true), cancellationToken);
        return probe.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.PreconditionFailed => false,
            _ => null,
        };
    }

    private static async Task<(GatewayOutcome Outcome, string Reason)> VerifyRawAsync(Stream body, Cid cid, Counter counter, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        if (!cid.Hash.Matches(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return (GatewayOutcome.Tampered, $"the {buffer.Length} bytes served do not hash to {cid}");
        }

        counter.Blocks = 1;
        return (GatewayOutcome.Verified, "the block hashes to the CID");
    }

    private static async Task<(GatewayOutcome Outcome, string Reason)> VerifyCarAsync(Stream body, Cid cid, Counter counter, CancellationToken cancellationToken)
    {
        var reader = new CarReader(body);
        var expected = new HashSet<Cid> { cid.ToV1() };
        var received = new HashSet<Cid>();
        try
        {
            var header = await reader.ReadHeaderAsync(cancellationToken);
            if (!header.Roots.Any(root => root.ToV1() == cid.ToV1()))
            {
                return (GatewayOutcome.Tampered, $"the CAR's roots ({string.Join(", ", header.Roots)}) do not include {cid}");
            }

            while (await reader.ReadBlockAsync(cancellationToken) is { } block)
            {
                var key = block.Cid.ToV1();
                if (!expected.Contains(key))
                {
                    return (GatewayOutcome.Tampered, $"the CAR carries block {block.Cid}, which the DAG of {cid} does not link to");
                }

                if (received.Add(key) && block.Cid.Codec == Multicodec.DagPb)
                {
                    foreach (var link in DagPb.Decode(block.Data).Links)
                    {
                        expected.Add(link.Hash.ToV1());
                    }
                }

                counter.Blocks = received.Count;
            }
        }
        catch (BlockVerificationException ex)
        {
            return (GatewayOutcome.Tampered, ex.Message);
        }
        catch (Exception ex) when (ex is CarFormatException or CidFormatException)
        {
            return (GatewayOutcome.Tampered, $"invalid CAR: {ex.Message}");
        }

        var missing = expected.Count - received.Count;
        return missing == 0
            ? (GatewayOutcome.Verified, $"all {received.Count} blocks of the DAG hash to their CIDs")
            : (GatewayOutcome.Tampered, $"the CAR is truncated: {missing} of {expected.Count} linked blocks are missing (first: {expected.First(c => !received.Contains(c))})");
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri gateway, Cid cid, bool car, bool onlyIfCached)
    {
        var baseUrl = gateway.ToString().TrimEnd('/');
        var query = car ? "format=car&dag-scope=all" : "format=raw";
        var request = new HttpRequestMessage(method, new Uri($"{baseUrl}/ipfs/{cid}?{query}"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(car ? CarMediaType : RawMediaType));
        if (onlyIfCached)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { OnlyIfCached = true };
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Cid} verified on {Verified} of {Total} gateways")]
    private static partial void LogQuorum(ILogger logger, Cid cid, int verified, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway quorum failed for {Cid}: {Summary}")]
    private static partial void LogQuorumFailed(ILogger logger, Cid cid, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway {Gateway} served tampered content for {Cid}: {Reason}")]
    private static partial void LogTampered(ILogger logger, Cid cid, Uri gateway, string reason);

    private sealed class Counter
    {
        public long Bytes { get; set; }

        public int Blocks { get; set; }
    }

    private sealed class DagTooLargeException(long limit)
        : Exception($"the response exceeds {limit} bytes ({nameof(GatewayVerifierOptions.MaxDagBytes)}); abandoned");

    /// <summary>Counts body bytes and stops reading past the size limit.</summary>
    private sealed class CountingStream(Stream inner, Counter counter, long limit) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            counter.Bytes += read;
            return counter.Bytes > limit ? throw new DagTooLargeException(limit) : read;
        }
    }
}
