namespace Mining.Ethereum.Rpc;

/// <summary>Settings of <see cref="EthRpcClient"/>.</summary>
public sealed class EthRpcOptions
{
    /// <summary>The node's JSON-RPC URL.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Retries after the first attempt for transient failures (0 disables retries).</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest Retry-After the client honours; a longer one fails at once with <see cref="RateLimitedException"/>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks every setting and lists all problems at once.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message names each one.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("EthRpcOptions.Endpoint must be an absolute http(s) URL of a JSON-RPC node.");
        }

        if (MaxRetryAttempts is < 0 or > 20)
        {
            errors.Add($"EthRpcOptions.MaxRetryAttempts must be 0 to 20, got {MaxRetryAttempts}.");
        }

        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            errors.Add("EthRpcOptions.BaseDelay must be positive and not above MaxDelay.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("EthRpcOptions.RequestTimeout must be positive.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("EthRpcOptions.MaxRetryAfter cannot be negative.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
