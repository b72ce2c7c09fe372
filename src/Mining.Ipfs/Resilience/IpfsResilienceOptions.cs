namespace Mining.Ipfs.Resilience;

/// <summary>Retries and timeouts for one kind of IPFS endpoint (Kubo RPC, pinning service, gateway).</summary>
/// <remarks>
/// Retried: connection failures, attempt timeouts, HTTP 408, 429 (after its Retry-After), 502, 503, 504. A Retry-After
/// beyond <see cref="MaxDelay"/> is not retried at all (asking earlier would not honour it): the response goes to the caller.
/// </remarks>
public sealed class IpfsResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of any one delay, including a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed to one attempt, until its response headers (bodies are streamed by the caller).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> Errors(string prefix)
    {
        if (MaxRetryAttempts is < 0 or > 20)
        {
            yield return $"{prefix}:{nameof(MaxRetryAttempts)} must be from 0 to 20, not {MaxRetryAttempts}.";
        }

        if (BaseDelay <= TimeSpan.Zero)
        {
            yield return $"{prefix}:{nameof(BaseDelay)} must be positive, not {BaseDelay}.";
        }

        if (MaxDelay < BaseDelay)
        {
            yield return $"{prefix}:{nameof(MaxDelay)} ({MaxDelay}) must not be less than {nameof(BaseDelay)} ({BaseDelay}).";
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromHours(1))
        {
            yield return $"{prefix}:{nameof(AttemptTimeout)} must be positive and at most an hour, not {AttemptTimeout}.";
        }
    }
}
