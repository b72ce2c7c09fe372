using System.Security.Cryptography;
using Mining.DevStack;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Functions.Options;

namespace Mining.Functions.Chain;

/// <summary>
/// Loads the operator signer at start-up from <c>KeyProvider__Kind</c>: <c>Keystore</c> (file + passphrase from the
/// OS keychain or an environment variable), <c>KeyVault</c> (managed identity), <c>Environment</c> (development/CI
/// only), or <c>DevStack</c>: a development keystore created once under the dev stack's folder (<c>.devstack/keys</c>),
/// with its passphrase in a 0600 file beside it — a development key only, never used outside the local stack.
/// Failures name the setting to fix.
/// </summary>
internal sealed class OperatorKey(KeyProviderOptions options, IConfiguration configuration, IHostEnvironment environment, ILoggerFactory logs)
{
    public async Task<PrivateKeySigner> LoadAsync(CancellationToken cancellationToken)
    {
        if (!options.IsDevStack)
        {
            var settings = new KeyProviderSettings();
            configuration.GetSection(KeyProviderSettings.SectionName).Bind(settings);
            return await KeyProviderFactory.CreateSignerAsync(settings, logs.CreateLogger<KeyProviderFactory>(), cancellationToken);
        }

        var keys = Directory.CreateDirectory(Path.Combine(DevStackOptions.ForRepository(environment.ContentRootPath).StateDirectory, "keys")).FullName;
        var path = Path.Combine(keys, "operator.json");
        var passphrase = await PassphraseAsync(Path.Combine(keys, "operator.passphrase"), cancellationToken);
        await DevelopmentKeystore.EnsureAsync(path, passphrase, cancellationToken);
        return KeystoreV3.Decrypt(await File.ReadAllTextAsync(path, cancellationToken), passphrase);
    }

    /// <summary>The development keystore's passphrase, created once (0600); a concurrent first start reads the winner's.</summary>
    private static async Task<string> PassphraseAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var writer = new StreamWriter(path, options);
            await writer.WriteAsync(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }

        for (var attempt = 0; ; attempt++)
        {
            var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            if (text.Length > 0 || attempt == 50)
            {
                return text;
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
