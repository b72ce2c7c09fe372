using System.Globalization;

namespace Mining.Core.Privacy;

/// <summary>Settings of <see cref="PrivacyScanner"/>.</summary>
public sealed class PrivacyScannerOptions
{
    /// <summary>Block (default) or redact what the scanner finds at submission.</summary>
    public PrivacyPolicy Policy { get; set; } = PrivacyPolicy.Block;

    /// <summary>Shannon entropy (bits per character) above which a <c>secret = value</c> assignment counts as a secret. Default 3.0.</summary>
    public double GenericSecretMinEntropy { get; set; } = 3.0;

    /// <summary>Shortest value of a <c>secret = value</c> assignment that is checked. Default 8.</summary>
    public int GenericSecretMinLength { get; set; } = 8;

    /// <summary>Email domains that are not personal data (documentation domains). Subdomains match too.</summary>
    public IReadOnlyList<string> AllowedEmailDomains { get; set; } =
        ["example.com", "example.org", "example.net", "example", "test", "invalid", "localhost"];

    /// <summary>Characters of context on each side of a finding in its excerpt. Default 24.</summary>
    public int ExcerptContext { get; set; } = 24;

    /// <summary>Every setting that cannot work, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Policy))
        {
            errors.Add($"PrivacyScannerOptions.Policy must be Block or Redact, got {Policy}.");
        }

        if (!(GenericSecretMinEntropy > 0 && GenericSecretMinEntropy <= 8))
        {
            errors.Add($"PrivacyScannerOptions.GenericSecretMinEntropy must be above 0 and at most 8 bits per character, got {GenericSecretMinEntropy.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (GenericSecretMinLength < 4)
        {
            errors.Add($"PrivacyScannerOptions.GenericSecretMinLength must be at least 4, got {GenericSecretMinLength}.");
        }

        if (ExcerptContext < 0)
        {
            errors.Add($"PrivacyScannerOptions.ExcerptContext must not be negative, got {ExcerptContext}.");
        }

        return errors;
    }
}
