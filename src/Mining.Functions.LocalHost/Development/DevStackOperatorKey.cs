using System.Security.Cryptography;
using Mining.DevStack;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Functions.Chain;

namespace Mining.Functions.LocalHost.Development;

/// <summary>
/// <c>KeyProvider__Kind</c> = <c>DevStack</c>: a development keystore created once under the dev stack's folder
/// (<c>.devstack/keys</c>), its passphrase in a 0600 file beside it, funded from anvil. A development key only: the
/// local host offers this kind in the Development environment alone.
/// </summary>
internal sealed class DevStackOperatorKey(IHostEnvironment environment, ILogger<DevStackOperatorKey> logger) : IOperatorKeySource
{
    public const string KindName = "DevStack";

    public string Kind => KindName;

    public async Task<PrivateKeySigner> LoadAsync(ChainService chain, CancellationToken cancellationToken)
    {
        var keys = Directory.CreateDirectory(Path.Combine(DevStackOptions.ForRepository(environment.ContentRootPath).StateDirectory, "keys")).FullName;
        var path = Path.Combine(keys, "operator.json");
        var passphrase = await PassphraseAsync(Path.Combine(keys, "operator.passphrase"), cancellationToken);
        await DevelopmentKeystore.EnsureAsync(path, passphrase, cancellationToken);
        var signer = KeystoreV3.Decrypt(await File.ReadAllTextAsync(path, cancellationToken), passphrase);
        await AnvilFunding.FundAsync(chain, signer.Address, logger, cancellationToken);
        return signer;
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
