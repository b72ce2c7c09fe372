using Mining.Ipfs.Resilience;

namespace Mining.Ipfs.Gateways;

/// <summary>Which gateways verify published content and how many must agree.</summary>
public sealed class GatewayVerifierOptions
{
    /// <summary>Base URLs of trustless gateways (path gateways serving <c>/ipfs/{cid}</c>); distinct hosts.</summary>
    public IList<Uri> Gateways { get; set; } = [];

    /// <summary>Gateways that must verify the content; at least 1, at most the number of gateways.</summary>
    public int Quorum { get; set; } = 2;

    public GatewayFetchMode Mode { get; set; } = GatewayFetchMode.Auto;

    /// <summary>Ask each gateway first, with <c>Cache-Control: only-if-cached</c>, whether it already holds the root block.</summary>
    public bool ProbeOnlyIfCached { get; set; }

    /// <summary>A DAG larger than this is abandoned as unavailable (bounds time and memory per gateway).</summary>
    public long MaxDagBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Retries and per-attempt timeout for each gateway. 500 is not retried but reported as unavailable.</summary>
    public IpfsResilienceOptions Resilience { get; set; } = new() { MaxRetryAttempts = 2, AttemptTimeout = TimeSpan.FromSeconds(30) };

    /// <summary>Throws listing every invalid setting.</summary>
    public void Validate(string section = "Ipfs:Gateways")
    {
        var errors = new List<string>();
        var invalid = Gateways.Where(g => g is null || !g.IsAbsoluteUri || (g.Scheme != Uri.UriSchemeHttp && g.Scheme != Uri.UriSchemeHttps)).ToList();
        if (invalid.Count > 0)
        {
            errors.Add($"{section}:{nameof(Gateways)} must hold absolute http(s) URLs; invalid: {string.Join(", ", invalid)}.");
        }

        var duplicates = Gateways.Where(g => g is { IsAbsoluteUri: true }).GroupBy(g => g.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"{section}:{nameof(Gateways)} lists the same gateway twice ({string.Join(", ", duplicates)}); a quorum needs distinct gateways.");
        }

        if (Quorum < 1 || Quorum > Gateways.Count)
        {
            errors.Add($"{section}:{nameof(Quorum)} must be from 1 to the number of gateways ({Gateways.Count}), not {Quorum}.");
        }

        if (MaxDagBytes < 1)
        {
            errors.Add($"{section}:{nameof(MaxDagBytes)} must be positive, not {MaxDagBytes}.");
        }

        errors.AddRange(Resilience?.Errors($"{section}:{nameof(Resilience)}") ?? [$"{section}:{nameof(Resilience)} is required."]);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid gateway verification settings: " + string.Join(" ", errors));
        }
    }
}
