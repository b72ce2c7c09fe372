using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Mining.Keychain;

/// <summary>The macOS login Keychain, as generic passwords (Security.framework <c>SecKeychain*GenericPassword</c>).</summary>
/// <remarks>Compiled everywhere, exercised only on macOS (CI runs Linux). Keychain Access shows the entries under the service name.</remarks>
[SupportedOSPlatform("macos")]
public sealed class MacOsKeychain : IKeychain
{
    private const string Security = "/System/Library/Frameworks/Security.framework/Security";
    private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
    private const int ErrSecItemNotFound = -25300;

    /// <inheritdoc/>
    public string Name => "macOS Keychain";

    /// <inheritdoc/>
    public ValueTask<string?> FindAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        var s = Encoding.UTF8.GetBytes(service);
        var a = Encoding.UTF8.GetBytes(account);
        var status = SecKeychainFindGenericPassword(IntPtr.Zero, (uint)s.Length, s, (uint)a.Length, a, out var length, out var data, out var item);
        if (status == ErrSecItemNotFound)
        {
            return ValueTask.FromResult<string?>(null);
        }

        Check(status, "read");
        try
        {
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            var secret = Encoding.UTF8.GetString(bytes);
            Array.Clear(bytes);
            return ValueTask.FromResult<string?>(secret);
        }
        finally
        {
            _ = SecKeychainItemFreeContent(IntPtr.Zero, data);
            CFRelease(item);
        }
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(string service, string account, string label, string secret, CancellationToken cancellationToken = default)
    {
        var s = Encoding.UTF8.GetBytes(service);
        var a = Encoding.UTF8.GetBytes(account);
        var p = Encoding.UTF8.GetBytes(secret);
        try
        {
            var status = SecKeychainFindGenericPassword(IntPtr.Zero, (uint)s.Length, s, (uint)a.Length, a, out _, out var data, out var item);
            if (status == 0)
            {
                _ = SecKeychainItemFreeContent(IntPtr.Zero, data);
                try
                {
                    Check(SecKeychainItemModifyAttributesAndData(item, IntPtr.Zero, (uint)p.Length, p), "update");
                }
                finally
                {
                    CFRelease(item);
                }
            }
            else
            {
                Check(SecKeychainAddGenericPassword(IntPtr.Zero, (uint)s.Length, s, (uint)a.Length, a, (uint)p.Length, p, IntPtr.Zero), "add");
            }
        }
        finally
        {
            Array.Clear(p);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        var s = Encoding.UTF8.GetBytes(service);
        var a = Encoding.UTF8.GetBytes(account);
        var status = SecKeychainFindGenericPassword(IntPtr.Zero, (uint)s.Length, s, (uint)a.Length, a, out _, out var data, out var item);
        if (status == ErrSecItemNotFound)
        {
            return ValueTask.FromResult(false);
        }

        Check(status, "find");
        _ = SecKeychainItemFreeContent(IntPtr.Zero, data);
        try
        {
            Check(SecKeychainItemDelete(item), "delete");
        }
        finally
        {
            CFRelease(item);
        }

        return ValueTask.FromResult(true);
    }

    private static void Check(int status, string action)
    {
        if (status != 0)
        {
            throw new KeychainException($"The macOS Keychain refused to {action} the entry (OSStatus {status}). Unlock the login keychain and allow this program access.");
        }
    }

    [DllImport(Security)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SecKeychainFindGenericPassword(IntPtr keychain, uint serviceLength, byte[] service, uint accountLength, byte[] account, out uint passwordLength, out IntPtr passwordData, out IntPtr item);

    [DllImport(Security)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SecKeychainAddGenericPassword(IntPtr keychain, uint serviceLength, byte[] service, uint accountLength, byte[] account, uint passwordLength, byte[] passwordData, IntPtr item);

    [DllImport(Security)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SecKeychainItemModifyAttributesAndData(IntPtr item, IntPtr attributes, uint length, byte[] data);

    [DllImport(Security)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SecKeychainItemFreeContent(IntPtr attributes, IntPtr data);

    [DllImport(Security)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SecKeychainItemDelete(IntPtr item);

    [DllImport(CoreFoundation)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void CFRelease(IntPtr handle);
}
