namespace Mining.Ethereum.Signing;

/// <summary>Takes the passphrase from an environment variable (automation, containers, CI).</summary>
public sealed class EnvironmentPassphraseSource(string variableName, Func<string, string?>? readVariable = null) : IPassphraseSource
{
    private readonly Func<string, string?> _readVariable = readVariable ?? Environment.GetEnvironmentVariable;

    /// <inheritdoc/>
    public string Description => $"environment variable {variableName}";

    /// <inheritdoc/>
    public ValueTask<string> GetPassphraseAsync(CancellationToken cancellationToken = default)
    {
        var value = _readVariable(variableName);
        return string.IsNullOrEmpty(value)
            ? throw new PassphraseUnavailableException($"The environment variable {variableName} is not set or empty: set it to the keystore's passphrase.")
            : ValueTask.FromResult(value);
    }
}
