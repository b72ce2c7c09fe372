namespace Mining.Ethereum.Keystore;

/// <summary>The development operator keystore the dev stack creates on first start (then funds on anvil).</summary>
/// <remarks>
/// Light scrypt cost (<see cref="ScryptParameters.Light"/>), file mode 0600. Never for a key that holds real value:
/// the passphrase of a development keystore sits in local configuration.
/// </remarks>
public static class DevelopmentKeystore
{
    /// <summary>Returns the address of the keystore at <paramref name="path"/>, creating it under <paramref name="passphrase"/> if it does not exist.</summary>
    /// <exception cref="KeystoreException">An existing file there does not unlock with <paramref name="passphrase"/>.</exception>
    public static async Task<Address> EnsureAsync(string path, string passphrase, CancellationToken cancellationToken = default)
    {
        if (File.Exists(path))
        {
            var existing = await File.ReadAllTextAsync(path, cancellationToken);
            using var signer = await Task.Run(() => KeystoreV3.Decrypt(existing, passphrase), cancellationToken);
            return signer.Address;
        }

        var created = await Task.Run(() => KeystoreV3.CreateNew(passphrase, ScryptParameters.Light), cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(created.Json.AsMemory(), cancellationToken);
        }

        return created.Address;
    }
}
