using System.Runtime.Versioning;
using Mining.Ethereum.Keystore;

namespace Mining.Ethereum.Tests.Keystore;

[UnsupportedOSPlatform("windows")]
public sealed class DevelopmentKeystoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("dev-keystore-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task The_development_keystore_is_created_once_with_mode_0600_and_then_reused()
    {
        var path = Path.Combine(_directory.FullName, "dev", "operator.json");

        var first = await DevelopmentKeystore.EnsureAsync(path, "dev passphrase");
        var second = await DevelopmentKeystore.EnsureAsync(path, "dev passphrase");

        Assert.Equal(first, second);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var signer = KeystoreV3.Decrypt(File.ReadAllText(path), "dev passphrase");
        Assert.Equal(first, signer.Address);
    }

    [Fact]
    public async Task An_existing_development_keystore_with_another_passphrase_is_not_replaced()
    {
        var path = Path.Combine(_directory.FullName, "operator.json");
        await DevelopmentKeystore.EnsureAsync(path, "dev passphrase");
        var before = File.ReadAllText(path);

        await Assert.ThrowsAsync<WrongPassphraseException>(() => DevelopmentKeystore.EnsureAsync(path, "other passphrase"));

        Assert.Equal(before, File.ReadAllText(path));
    }
}
