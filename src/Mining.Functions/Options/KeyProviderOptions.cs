namespace Mining.Functions.Options;

/// <summary>Where the operator key that signs anchoring transactions comes from (section <c>KeyProvider</c>).</summary>
internal sealed class KeyProviderOptions : IValidatedOptions
{
    /// <summary>
    /// <c>DevStack</c>: a development key generated on first run, kept in the local storage account and funded from
    /// anvil. Only for the local stack.
    /// </summary>
    public string Kind { get; set; } = "DevStack";

    public IEnumerable<string> Validate()
    {
        if (!string.Equals(Kind, "DevStack", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("KeyProvider:Kind")} must be DevStack (a development key on the local stack).";
        }
    }
}
