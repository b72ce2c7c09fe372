using Mining.Ethereum.Signing;
using Mining.Functions.Options;

namespace Mining.Functions.Chain;

/// <summary>
/// Loads the operator signer at start-up from <c>KeyProvider__Kind</c>: <c>Keystore</c> (file + passphrase from the
/// OS keychain or an environment variable), <c>KeyVault</c> (managed identity), <c>Environment</c> (CI only), or a
/// kind a host added (<see cref="IOperatorKeySource"/>: the local host's <c>DevStack</c>). Failures name the setting to fix.
/// </summary>
internal sealed class OperatorKey(
    KeyProviderOptions options, IConfiguration configuration, IEnumerable<IOperatorKeySource> sources, ILoggerFactory logs)
{
    public async Task<PrivateKeySigner> LoadAsync(ChainService chain, CancellationToken cancellationToken)
    {
        if (sources.FirstOrDefault(s => string.Equals(s.Kind, options.Kind, StringComparison.OrdinalIgnoreCase)) is { } source)
        {
            return await source.LoadAsync(chain, cancellationToken);
        }

        var settings = new KeyProviderSettings();
        configuration.GetSection(KeyProviderSettings.SectionName).Bind(settings);
        return await KeyProviderFactory.CreateSignerAsync(settings, logs.CreateLogger<KeyProviderFactory>(), cancellationToken);
    }
}
