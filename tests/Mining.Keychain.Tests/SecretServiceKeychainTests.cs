using System.Runtime.Versioning;
using Mining.Testing;

namespace Mining.Keychain.Tests;

/// <summary>Against the real Linux Secret Service: gnome-keyring on a private D-Bus session.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretServiceKeychainTests : SecretServiceTest
{
    [Fact]
    public async Task A_passphrase_is_stored_found_replaced_and_deleted_in_gnome_keyring()
    {
        var keychain = Session.Keychain;

        Assert.Null(await keychain.FindAsync("mining-wallet", "0xabc"));
        await keychain.SaveAsync("mining-wallet", "0xabc", "test entry", "first secret with spaces ✓");
        Assert.Equal("first secret with spaces ✓", await keychain.FindAsync("mining-wallet", "0xabc"));
        await keychain.SaveAsync("mining-wallet", "0xabc", "test entry", "second secret");
        Assert.Equal("second secret", await keychain.FindAsync("mining-wallet", "0xabc"));
        Assert.Null(await keychain.FindAsync("mining-wallet", "0xdef"));

        Assert.True(await keychain.DeleteAsync("mining-wallet", "0xabc"));
        Assert.Null(await keychain.FindAsync("mining-wallet", "0xabc"));
        Assert.False(await keychain.DeleteAsync("mining-wallet", "0xabc"));
    }

    [Fact]
    public async Task Without_a_session_bus_the_keychain_says_what_must_run()
    {
        var keychain = new SecretServiceKeychain(new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/bus" });

        var error = await Assert.ThrowsAsync<KeychainException>(async () => await keychain.FindAsync("mining-wallet", "0xabc"));

        Assert.Contains("session D-Bus", error.Message, StringComparison.Ordinal);
    }
}
