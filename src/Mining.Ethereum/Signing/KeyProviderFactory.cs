using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Mining.Ethereum.Keystore;
using Mining.Keychain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mining.Ethereum.Signing;

/// <summary>The service's one entry point to the operator key: builds a signer from <see cref="KeyProviderSettings"/>.</summary>
/// <remarks>
/// Call once at start-up and fail fast: every failure is a <see cref="KeyProviderException"/> whose message names the
/// setting to fix (<c>KeyProvider__KeystorePath</c>, <c>KeyProvider__PassphraseEnvironmentVariable</c>, …) and never
/// contains the key or the passphrase. The caller owns (and disposes) the returned signer.
/// </remarks>
public sealed partial class KeyProviderFactory
{
    private readonly IKeychain _keychain;
    private readonly Func<string, string?> _environment;
    private readonly Func<KeyProviderSettings, SecretClient> _secretClients;
    private readonly ILogger _logger;

    /// <summary>Uses the OS keychain, the process environment and Azure Key Vault with <see cref="DefaultAzureCredential"/>.</summary>
    public KeyProviderFactory(ILogger? logger = null)
        : this(OsKeychain.ForCurrentPlatform(), Environment.GetEnvironmentVariable, CreateSecretClient, logger)
    {
    }

    internal KeyProviderFactory(IKeychain keychain, Func<string, string?> environment, Func<KeyProviderSettings, SecretClient> secretClients, ILogger? logger)
    {
        _keychain = keychain;
        _environment = environment;
        _secretClients = secretClients;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Loads the operator signer described by <paramref name="settings"/>.</summary>
    /// <exception cref="KeyProviderException">The settings are invalid or the key cannot be loaded; the message names the setting.</exception>
    public static Task<PrivateKeySigner> CreateSignerAsync(KeyProviderSettings settings, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        new KeyProviderFactory(logger).CreateAsync(settings, cancellationToken);

    /// <summary>Loads the operator signer described by <paramref name="settings"/>.</summary>
    /// <exception cref="KeyProviderException">The settings are invalid or the key cannot be loaded; the message names the setting.</exception>
    public async Task<PrivateKeySigner> CreateAsync(KeyProviderSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            LogInvalidSettings(_logger, errors.Count);
            throw new KeyProviderException("The operator key settings are invalid: " + string.Join(" ", errors));
        }

        var signer = settings.Kind switch
        {
            KeyProviderKind.Keystore => await FromKeystoreAsync(settings, cancellationToken),
            KeyProviderKind.KeyVault => await FromKeyVaultAsync(settings, cancellationToken),
            _ => FromEnvironment(settings),
        };
        LogLoaded(_logger, signer.Address, settings.Kind);
        return signer;
    }

    private async Task<PrivateKeySigner> FromKeystoreAsync(KeyProviderSettings settings, CancellationToken cancellationToken)
    {
        var path = settings.KeystorePath!;
        var (source, sourceSetting) = string.IsNullOrWhiteSpace(settings.PassphraseEnvironmentVariable)
            ? ((IPassphraseSource)new KeychainPassphraseSource(_keychain, settings.PassphraseKeychainService, settings.PassphraseKeychainAccount!),
                nameof(KeyProviderSettings.PassphraseKeychainAccount))
            : (new EnvironmentPassphraseSource(settings.PassphraseEnvironmentVariable, _environment), nameof(KeyProviderSettings.PassphraseEnvironmentVariable));
        try
        {
            return await KeystoreKeySource.LoadAsync(path, source, cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw Failure($"The keystore '{path}' named by {KeyProviderSettings.Name(nameof(KeyProviderSettings.KeystorePath))} does not exist: fix the path or create one with 'mining wallet create'.", e);
        }
        catch (Exception e) when (e is PassphraseUnavailableException or KeychainException)
        {
            throw Failure($"No passphrase for the keystore '{path}' from {source.Description} ({KeyProviderSettings.Name(sourceSetting)}): {e.Message}", e);
        }
        catch (WrongPassphraseException e)
        {
            throw Failure($"The passphrase from {source.Description} ({KeyProviderSettings.Name(sourceSetting)}) does not unlock the keystore '{path}' "
                + $"({KeyProviderSettings.Name(nameof(KeyProviderSettings.KeystorePath))}): {e.Message}", e);
        }
        catch (KeystoreTamperedException e)
        {
            throw Failure($"The keystore '{path}' ({KeyProviderSettings.Name(nameof(KeyProviderSettings.KeystorePath))}) cannot be used: {e.Message}", e);
        }
    }

    private async Task<PrivateKeySigner> FromKeyVaultAsync(KeyProviderSettings settings, CancellationToken cancellationToken)
    {
        var source = new KeyVaultKeySource(_secretClients(settings), settings.KeystoreSecretName, settings.PassphraseSecretName);
        var secrets = $"{KeyProviderSettings.Name(nameof(KeyProviderSettings.KeystoreSecretName))}='{settings.KeystoreSecretName}', "
            + $"{KeyProviderSettings.Name(nameof(KeyProviderSettings.PassphraseSecretName))}='{settings.PassphraseSecretName}'";
        try
        {
            return await source.LoadAsync(cancellationToken);
        }
        catch (KeyProviderException e)
        {
            LogFailed(_logger, e.GetType().Name);
            throw;
        }
        catch (AuthenticationFailedException e)
        {
            throw Failure($"No Azure credential could read the Key Vault {settings.KeyVaultUri} ({KeyProviderSettings.Name(nameof(KeyProviderSettings.KeyVaultUri))}): "
                + $"enable the app's managed identity (and set {KeyProviderSettings.Name(nameof(KeyProviderSettings.ManagedIdentityClientId))} for a user-assigned one), or sign in with 'az login' locally.", e);
        }
        catch (WrongPassphraseException e)
        {
            throw Failure($"The passphrase secret does not unlock the keystore secret in {settings.KeyVaultUri} ({secrets}): {e.Message}", e);
        }
        catch (KeystoreTamperedException e)
        {
            throw Failure($"The keystore secret in {settings.KeyVaultUri} ({secrets}) cannot be used: {e.Message}", e);
        }
    }

    private PrivateKeySigner FromEnvironment(KeyProviderSettings settings)
    {
        var variable = settings.PrivateKeyEnvironmentVariable!;
        var setting = KeyProviderSettings.Name(nameof(KeyProviderSettings.PrivateKeyEnvironmentVariable));
        var hex = _environment(variable);
        if (string.IsNullOrWhiteSpace(hex))
        {
            throw Failure($"The environment variable {variable} named by {setting} is not set: set it to the operator's hex private key (development only).", null);
        }

        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            throw Failure($"The environment variable {variable} named by {setting} does not hold a private key: expected 64 hex digits.", null);
        }

        var key = Convert.FromHexString(digits);
        try
        {
            LogEnvironmentKey(_logger, variable);
            return new PrivateKeySigner(key);
        }
        catch (ArgumentException)
        {
            throw Failure($"The environment variable {variable} named by {setting} does not hold a valid secp256k1 private key.", null);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }
    }

    private KeyProviderException Failure(string message, Exception? inner)
    {
        LogFailed(_logger, inner?.GetType().Name ?? nameof(KeyProviderException));
        return inner is null ? new KeyProviderException(message) : new KeyProviderException(message, inner);
    }

    private static SecretClient CreateSecretClient(KeyProviderSettings settings)
    {
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId) ? null : settings.ManagedIdentityClientId,
        });
        return new SecretClient(settings.KeyVaultUri, credential);
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Operator key {Address} loaded from {Kind}")]
    private static partial void LogLoaded(ILogger logger, Address address, KeyProviderKind kind);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Operator key taken from the environment variable {Variable}: use a keystore or Key Vault outside development")]
    private static partial void LogEnvironmentKey(ILogger logger, string variable);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Error, Message = "Operator key settings are invalid ({Count} problems)")]
    private static partial void LogInvalidSettings(ILogger logger, int count);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Error, Message = "Operator key could not be loaded ({Reason})")]
    private static partial void LogFailed(ILogger logger, string reason);
}
