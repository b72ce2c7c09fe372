using Mining.Ipfs.Resilience;

namespace Mining.Ipfs.Pinning;

/// <summary>One pinning provider speaking the IPFS Pinning Service API v1.0.0 (Pinata's /psa, Filebase, 4EVERLAND, ipfs-cluster, the local nodes).</summary>
public sealed class PinningServiceOptions
{
    /// <summary>A name for logs and errors (e.g. "pinata").</summary>
    public string Name { get; set; } = "pinning-service";

    /// <summary>The API base URL; <c>/pins</c> is appended (e.g. https://api.pinata.cloud/psa).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The bearer token. Secret: never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>First wait between status polls; doubles up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a pin may stay queued or pinning before waiting gives up.</summary>
    public TimeSpan PinTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public IpfsResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws listing every invalid setting.</summary>
    public void Validate(string section = "Ipfs:Pinning")
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add($"{section}:{nameof(Name)} is required.");
        }

        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{section}:{nameof(Endpoint)} must be an absolute http(s) URL, not '{Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            errors.Add($"{section}:{nameof(AccessToken)} is required (the provider's API key or JWT).");
        }

        if (PollInterval <= TimeSpan.Zero || MaxPollInterval < PollInterval)
        {
            errors.Add($"{section}:{nameof(PollInterval)} must be positive and at most {nameof(MaxPollInterval)}.");
        }

        if (PinTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:{nameof(PinTimeout)} must be positive, not {PinTimeout}.");
        }

        errors.AddRange(Resilience?.Errors($"{section}:{nameof(Resilience)}") ?? [$"{section}:{nameof(Resilience)} is required."]);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid pinning service settings for '{Name}': " + string.Join(" ", errors));
        }
    }
}
