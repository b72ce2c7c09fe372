using System.ComponentModel;
using System.Diagnostics;

namespace Mining.Keychain;

/// <summary>The Linux Secret Service (gnome-keyring, KeePassXC, KWallet's bridge) through libsecret's <c>secret-tool</c>.</summary>
/// <remarks>
/// <c>secret-tool</c> (Debian package <c>libsecret-tools</c>) is used rather than P/Invoke into <c>libsecret-1.so.0</c>:
/// it needs no native marshalling and the secret still travels only through pipes (stdin on store, stdout on lookup),
/// never on a command line. Entries carry the attributes <c>service</c> and <c>account</c>.
/// A Secret Service must run on the session D-Bus (<c>DBUS_SESSION_BUS_ADDRESS</c>) with its keyring unlocked.
/// </remarks>
public sealed class SecretServiceKeychain : IKeychain
{
    private readonly string _executable;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <summary>Uses <c>secret-tool</c> from the PATH, with extra environment variables (e.g. a test's <c>DBUS_SESSION_BUS_ADDRESS</c>).</summary>
    public SecretServiceKeychain(IReadOnlyDictionary<string, string>? environment = null, string executable = "secret-tool")
    {
        _executable = executable;
        _environment = environment ?? new Dictionary<string, string>();
    }

    /// <inheritdoc/>
    public string Name => "Secret Service keychain";

    /// <inheritdoc/>
    public async ValueTask<string?> FindAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        var (exitCode, output, error) = await RunAsync(["lookup", "service", service, "account", account], null, cancellationToken);
        if (exitCode == 0)
        {
            return output;
        }

        return error.Length == 0 ? null : throw Unreachable(error);
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(string service, string account, string label, string secret, CancellationToken cancellationToken = default)
    {
        var (exitCode, _, error) = await RunAsync(["store", "--label=" + label, "service", service, "account", account], secret, cancellationToken);
        if (exitCode != 0)
        {
            throw Unreachable(error);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> DeleteAsync(string service, string account, CancellationToken cancellationToken = default)
    {
        var existed = await FindAsync(service, account, cancellationToken) is not null;
        var (exitCode, _, error) = await RunAsync(["clear", "service", service, "account", account], null, cancellationToken);
        return exitCode == 0 || error.Length == 0 ? existed : throw Unreachable(error);
    }

    private static KeychainException Unreachable(string error) =>
        new($"The Secret Service refused the request ({error.Trim()}). A Secret Service (e.g. gnome-keyring-daemon) must run "
            + "on the session D-Bus (DBUS_SESSION_BUS_ADDRESS) with its login keyring unlocked.");

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new KeychainException($"{_executable} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new KeychainException(
                $"'{_executable}' was not found. Install libsecret's command-line tool (Debian/Ubuntu: apt-get install libsecret-tools) "
                + "and a Secret Service such as gnome-keyring.", e);
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output, await error);
        }
    }
}
