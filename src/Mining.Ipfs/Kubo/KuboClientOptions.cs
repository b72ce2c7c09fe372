using Mining.Ipfs.Resilience;

namespace Mining.Ipfs.Kubo;

/// <summary>Where a Kubo-compatible RPC API listens and how calls to it are retried.</summary>
public sealed class KuboClientOptions
{
    /// <summary>Base address of the RPC API (Kubo's default is http://127.0.0.1:5001); /api/v0/ is appended.</summary>
    public Uri ApiUrl { get; set; } = new("http://127.0.0.1:5001");

    /// <summary>Retries and per-attempt timeout. Kubo answers command errors with HTTP 500; those are never retried.</summary>
    public IpfsResilienceOptions Resilience { get; set; } = new();

    /// <summary>Throws listing every invalid setting.</summary>
    public void Validate(string section = "Ipfs:Kubo")
    {
        var errors = new List<string>();
        if (ApiUrl is null || !ApiUrl.IsAbsoluteUri || (ApiUrl.Scheme != Uri.UriSchemeHttp && ApiUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{section}:{nameof(ApiUrl)} must be an absolute http(s) URL, not '{ApiUrl}'.");
        }

        errors.AddRange(Resilience?.Errors($"{section}:{nameof(Resilience)}") ?? [$"{section}:{nameof(Resilience)} is required."]);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid Kubo RPC settings: " + string.Join(" ", errors));
        }
    }
}
