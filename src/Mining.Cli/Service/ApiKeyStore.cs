using Mining.Keychain;

namespace Mining.Cli.Service;

/// <summary>
/// Where <c>mining login</c> keeps the API key: the OS keychain (service <c>mining-api</c>, account = the service URL),
/// or with <c>--store file</c> the owner-only file <c>~/.mining/api-key</c> (0600) for machines without a keychain.
/// </summary>
internal static class ApiKeyStore
{
    public const string KeychainService = "mining-api";
    public const string Keychain = "keychain";
    public const string File = "file";

    public static string FilePath => Path.Combine(CliConfig.Directory, "api-key");

    public static async Task SaveAsync(string store, Uri url, string key, CancellationToken cancellationToken)
    {
        if (store == Keychain)
        {
            await OsKeychain.ForCurrentPlatform().SaveAsync(KeychainService, url.ToString(), $"mining API key for {url}", key, cancellationToken);
        }
        else
        {
            OwnerOnlyFile.Write(FilePath, key);
        }
    }

    public static async Task<string?> FindAsync(CliConfig config, CancellationToken cancellationToken) => config.KeyStore == Keychain
        ? await OsKeychain.ForCurrentPlatform().FindAsync(KeychainService, config.Url, cancellationToken)
        : System.IO.File.Exists(FilePath) ? (await System.IO.File.ReadAllTextAsync(FilePath, cancellationToken)).Trim() : null;

    public static async Task<bool> DeleteAsync(CliConfig config, CancellationToken cancellationToken)
    {
        if (config.KeyStore == Keychain)
        {
            return await OsKeychain.ForCurrentPlatform().DeleteAsync(KeychainService, config.Url, cancellationToken);
        }

        var existed = System.IO.File.Exists(FilePath);
        System.IO.File.Delete(FilePath);
        return existed;
    }
}
