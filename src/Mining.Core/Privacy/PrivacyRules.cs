using Mining.Core.Privacy.Rules;

namespace Mining.Core.Privacy;

/// <summary>The rule families of the scanner, in priority order, and the rule ids they report.</summary>
public static class PrivacyRules
{
    /// <summary>Every rule id the scanner can report.</summary>
    public static IReadOnlyList<string> All { get; } = Create(new PrivacyScannerOptions()).SelectMany(r => r.RuleIds).ToList();

    /// <summary>Specific rules first: when findings overlap, the earlier rule names the merged finding.</summary>
    internal static IReadOnlyList<IPrivacyRule> Create(PrivacyScannerOptions options) =>
    [
        new PemPrivateKeyRule(),
        new EthereumKeyRule(),
        new Bip39MnemonicRule(),
        new AwsKeyRule(),
        new AzureKeyRule(),
        new EntraFunctionKeyRule(),
        new GitTokenRule(),
        new AiVendorKeyRule(),
        new ChatTokenRule(),
        new JwtBearerRule(),
        new CredentialUrlRule(),
        new GenericSecretRule(options.GenericSecretMinEntropy, options.GenericSecretMinLength),
        new EmailRule(options.AllowedEmailDomains),
        new PhoneNumberRule(),
        new UserPathRule(),
        new NetworkRule(),
    ];
}
