using Mining.Functions.Options;

namespace Mining.Functions.Dashboard;

/// <summary>Settings of the web dashboard (section <c>Dashboard</c>).</summary>
internal sealed class DashboardOptions : IValidatedOptions
{
    /// <summary>How long a dashboard sign-in lasts (default 8 hours).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A block explorer's transaction page with <c>{hash}</c> in place of the hash (e.g. https://sepolia.etherscan.io/tx/{hash}); unset: hashes are shown without a link.</summary>
    public string? TransactionUrl { get; set; }

    public IEnumerable<string> Validate()
    {
        if (SessionLifetime < TimeSpan.FromMinutes(5) || SessionLifetime > TimeSpan.FromDays(7))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Dashboard:SessionLifetime")} must be between 00:05:00 and 7.00:00:00, e.g. 08:00:00.";
        }

        if (TransactionUrl is not null
            && (!TransactionUrl.Contains("{hash}", StringComparison.Ordinal)
                || !Uri.TryCreate(TransactionUrl.Replace("{hash}", "0x00", StringComparison.Ordinal), UriKind.Absolute, out var url)
                || !ValidatedOptionsExtensions.IsHttpUrl(url)))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Dashboard:TransactionUrl")} must be an absolute http(s) URL containing {{hash}}, e.g. https://sepolia.etherscan.io/tx/{{hash}}.";
        }
    }

    /// <summary>The explorer link of a transaction, or null when none is configured.</summary>
    public string? LinkOf(string transactionHash) => TransactionUrl?.Replace("{hash}", Uri.EscapeDataString(transactionHash), StringComparison.Ordinal);
}
