namespace Mining.Keychain;

/// <summary>Picks the keychain of the operating system the process runs on.</summary>
public static class OsKeychain
{
    /// <summary>macOS Keychain, Windows Credential Manager, or the Secret Service elsewhere (Linux, BSD).</summary>
    public static IKeychain ForCurrentPlatform()
    {
        if (OperatingSystem.IsMacOS())
        {
            return new MacOsKeychain();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsCredentialManager();
        }

        return new SecretServiceKeychain();
    }
}
