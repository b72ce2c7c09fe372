namespace Mining.Functions.Options;

/// <summary>Where the operator key that signs anchoring transactions comes from (section <c>KeyProvider</c>).</summary>
/// <remarks>The other settings of the section are those of <see cref="Mining.Ethereum.Signing.KeyProviderSettings"/>.</remarks>
internal sealed class KeyProviderOptions : IValidatedOptions
{
    private static readonly string[] Kinds = ["DevStack", "Keystore", "KeyVault", "Environment"];

    /// <summary><c>DevStack</c> (local development), <c>Keystore</c>, <c>KeyVault</c> or <c>Environment</c>.</summary>
    public string Kind { get; set; } = "DevStack";

    public bool IsDevStack => string.Equals(Kind, "DevStack", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Validate()
    {
        if (!Kinds.Contains(Kind, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("KeyProvider:Kind")} must be one of {string.Join(", ", Kinds)}: "
                + "DevStack on the local stack, Keystore with KeyProvider__KeystorePath, KeyVault with KeyProvider__KeyVaultUri.";
        }
    }
}
