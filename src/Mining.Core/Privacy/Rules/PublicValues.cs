namespace Mining.Core.Privacy.Rules;

/// <summary>Well-known development credentials that are published on purpose and protect nothing.</summary>
/// <remarks>The Azurite storage key, and the default anvil/hardhat mnemonic and first two account keys.</remarks>
internal static class PublicValues
{
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string DevelopmentMnemonic = "test test test test test test test test test test test junk";

    private static readonly string[] Values =
    [
        AzuriteKey,
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    ];

    public static bool IsPublic(ReadOnlySpan<char> value)
    {
        var trimmed = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        foreach (var known in Values)
        {
            if (trimmed.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
