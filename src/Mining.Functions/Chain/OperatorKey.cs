using System.Security.Cryptography;
using Mining.DevStack;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Functions.Options;
using Mining.Functions.Storage;

namespace Mining.Functions.Chain;

/// <summary>
/// Loads the operator signer at start-up from <c>KeyProvider__Kind</c>: <c>Keystore</c> (file + passphrase from the
/// OS keychain or an environment variable), <c>KeyVault</c> (managed identity), <c>Environment</c> (development/CI
/// only), or <c>DevStack</c>: a development keystore created once under the dev stack's folder, its passphrase kept
/// in the local storage account. Failures name the setting to fix.
/// </summary>
internal sealed class OperatorKey(KeyProviderOptions options, IConfiguration configuration, IHostEnvironment environment, ServiceStateStore state, ILoggerFactory logs)
{
    public async Task<PrivateKeySigner> LoadAsync(CancellationToken cancellationToken)
    {
        if (!options.IsDevStack)
        {
            var settings = new KeyProviderSettings();
            configuration.GetSection(KeyProviderSettings.SectionName).Bind(settings);
            return await KeyProviderFactory.CreateSignerAsync(settings, logs.CreateLogger<KeyProviderFactory>(), cancellationToken);
        }

        var path = Path.Combine(DevStackOptions.ForRepository(environment.ContentRootPath).StateDirectory, "keys", "operator.json");
        var passphrase = await state.GetOrAddAsync(
            "dev-operator-keystore-passphrase", Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), cancellationToken);
        await DevelopmentKeystore.EnsureAsync(path, passphrase, cancellationToken);
        return KeystoreV3.Decrypt(await File.ReadAllTextAsync(path, cancellationToken), passphrase);
    }
}
