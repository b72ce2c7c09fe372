using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Mining.Keychain;

/// <summary>Windows Credential Manager generic credentials (advapi32 <c>CredReadW</c>/<c>CredWriteW</c>/<c>CredDeleteW</c>), target <c>service/account</c>.</summary>
/// <remarks>Compiled everywhere, exercised only on Windows (CI runs Linux). Persisted for the local machine and user (CRED_PERSIST_LOCAL_MACHINE).</remarks>
[SupportedOSPlatform("windows")]
public sealed class WindowsCredentialManager : IKeychain
{
    private const uint CredTypeGeneric = 1;
    private const uint CredPersistLocalMachine = 2;
    private const int ErrorNotFound = 1168;

    /// <inheritdoc/>
    public string Name => "Windows Credential Manager";

    /// <inheritdoc/>
    public ValueTask<string?> FindAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        if (!CredRead(Target(service, account), CredTypeGeneric, 0, out var pointer))
        {
            var error = Marshal.GetLastWin32Error();
            return error == ErrorNotFound ? ValueTask.FromResult<string?>(null) : throw Failure("read", error);
        }

        try
        {
            var credential = Marshal.PtrToStructure<Credential>(pointer);
            var bytes = new byte[credential.CredentialBlobSize];
            Marshal.Copy(credential.CredentialBlob, bytes, 0, bytes.Length);
            var secret = Encoding.UTF8.GetString(bytes);
            Array.Clear(bytes);
            return ValueTask.FromResult<string?>(secret);
        }
        finally
        {
            CredFree(pointer);
        }
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(string service, string account, string label, string secret, CancellationToken cancellationToken = default)
    {
        var blob = Encoding.UTF8.GetBytes(secret);
        var blobPointer = Marshal.AllocHGlobal(blob.Length);
        var target = Marshal.StringToHGlobalUni(Target(service, account));
        var comment = Marshal.StringToHGlobalUni(label);
        var user = Marshal.StringToHGlobalUni(account);
        try
        {
            Marshal.Copy(blob, 0, blobPointer, blob.Length);
            var credential = new Credential
            {
                Type = CredTypeGeneric,
                TargetName = target,
                Comment = comment,
                CredentialBlobSize = (uint)blob.Length,
                CredentialBlob = blobPointer,
                Persist = CredPersistLocalMachine,
                UserName = user,
            };
            if (!CredWrite(ref credential, 0))
            {
                throw Failure("write", Marshal.GetLastWin32Error());
            }
        }
        finally
        {
            Array.Clear(blob);
            Marshal.Copy(new byte[blob.Length], 0, blobPointer, blob.Length);
            Marshal.FreeHGlobal(blobPointer);
            Marshal.FreeHGlobal(target);
            Marshal.FreeHGlobal(comment);
            Marshal.FreeHGlobal(user);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> DeleteAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        if (CredDelete(Target(service, account), CredTypeGeneric, 0))
        {
            return ValueTask.FromResult(true);
        }

        var error = Marshal.GetLastWin32Error();
        return error == ErrorNotFound ? ValueTask.FromResult(false) : throw Failure("delete", error);
    }

    private static string Target(string service, string account) => $"{service}/{account}";

    private static KeychainException Failure(string action, int error) =>
        new($"Windows Credential Manager refused to {action} the credential: {new Win32Exception(error).Message}", new Win32Exception(error));

    [DllImport("advapi32.dll", EntryPoint = "CredReadW", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CredRead(string target, uint type, uint flags, out IntPtr credential);

    [DllImport("advapi32.dll", EntryPoint = "CredWriteW", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CredWrite(ref Credential credential, uint flags);

    [DllImport("advapi32.dll", EntryPoint = "CredDeleteW", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CredDelete(string target, uint type, uint flags);

    [DllImport("advapi32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern void CredFree(IntPtr buffer);

    [StructLayout(LayoutKind.Sequential)]
    private struct Credential
    {
        public uint Flags;
        public uint Type;
        public IntPtr TargetName;
        public IntPtr Comment;
        public long LastWritten;
        public uint CredentialBlobSize;
        public IntPtr CredentialBlob;
        public uint Persist;
        public uint AttributeCount;
        public IntPtr Attributes;
        public IntPtr TargetAlias;
        public IntPtr UserName;
    }
}
