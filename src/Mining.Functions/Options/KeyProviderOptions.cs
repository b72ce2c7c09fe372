namespace Mining.Functions.Options;

/// <summary>Where the operator key that signs anchoring transactions comes from (section <c>KeyProvider</c>).</summary>
/// <remarks>
/// The other settings of the section are those of <see cref="Mining.Ethereum.Signing.KeyProviderSettings"/>. There is
/// no default: outside the local host's Development environment (which sets <c>DevStack</c>) it must be chosen.
/// </remarks>
internal sealed class KeyProviderOptions : IValidatedOptions
{
    /// <summary>The kinds every host has; a host may add more (the local host adds <c>DevStack</c>).</summary>
    public static readonly string[] ProductionKinds = ["Keystore", "KeyVault", "Environment"];

    /// <summary><c>Keystore</c>, <c>KeyVault</c> or <c>Environment</c>, or a kind the host added.</summary>
    public string? Kind { get; set; }

    /// <summary>Kinds the host added (<c>IOperatorKeySource</c>, in Chain/), set by the host, not by configuration.</summary>
    internal IReadOnlyList<string> HostKinds { get; set; } = [];

    public IEnumerable<string> Validate()
    {
        var kinds = ProductionKinds.Concat(HostKinds).ToArray();
        if (Kind is null || !kinds.Contains(Kind, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("KeyProvider:Kind")} must be one of {string.Join(", ", kinds)}"
                + (Kind is null ? " and is not set" : $", not '{Kind}'")
                + ": Keystore with KeyProvider__KeystorePath, KeyVault with KeyProvider__KeyVaultUri"
                + (HostKinds.Count == 0 ? " (DevStack exists only in the local host's Development environment)." : ", DevStack on the local stack.");
        }
    }
}
