using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.Versioning;
using Mining.Keychain;

namespace Mining.Testing;

/// <summary>
/// A private D-Bus session bus with an unlocked gnome-keyring (throwaway password, throwaway HOME) — the real Linux Secret
/// Service, from the Debian packages dbus, gnome-keyring and libsecret-tools. Missing packages fail the test with what to install.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretServiceSession : IDisposable
{
    private const string Install = "apt-get install -y dbus gnome-keyring libsecret-tools (as .ci/run does)";

    // Debian's session bus configuration without its service directories: the bus must not start a second
    // gnome-keyring-daemon by D-Bus activation when a request comes before this session's daemon owns its name. That
    // daemon's keyring is locked and its store waits for a password prompt that never comes; without activation the
    // request fails and the readiness probe tries again.
    private const string BusConfiguration = """
        <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
         "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
        <busconfig>
          <type>session</type>
          <listen>unix:tmpdir=/tmp</listen>
          <auth>EXTERNAL</auth>
          <policy context="default">
            <allow send_destination="*" eavesdrop="true"/>
            <allow eavesdrop="true"/>
            <allow own="*"/>
          </policy>
        </busconfig>
        """;
    private readonly DirectoryInfo _home;
    private readonly Process _bus;
    private readonly Process _keyring;

    private SecretServiceSession(DirectoryInfo home, Process bus, string address, Process keyring)
    {
        _home = home;
        _bus = bus;
        _keyring = keyring;
        Environment = new Dictionary<string, string> { ["DBUS_SESSION_BUS_ADDRESS"] = address };
    }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public SecretServiceKeychain Keychain => new(Environment);

    public static async Task<SecretServiceSession> StartAsync()
    {
        var homeDirectory = Directory.CreateTempSubdirectory("secret-service-");
        var home = homeDirectory.FullName;
        var runtime = Directory.CreateDirectory(Path.Combine(home, "run"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;
        var config = Path.Combine(home, "session-bus.conf");
        await File.WriteAllTextAsync(config, BusConfiguration);
        var bus = Start("dbus-daemon", ["--config-file=" + config, "--nofork", "--print-address=1"], home, runtime, null);
        var address = await bus.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("dbus-daemon printed no address.");
        var keyring = Start("gnome-keyring-daemon", ["--foreground", "--unlock", "--components=secrets"], home, runtime, address);
        await keyring.StandardInput.WriteAsync("throwaway keyring password");
        keyring.StandardInput.Close();
        var session = new SecretServiceSession(homeDirectory, bus, address, keyring);
        await session.WaitUntilReadyAsync();
        return session;
    }

    public void Dispose()
    {
        foreach (var process in new[] { _keyring, _bus })
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        _home.Delete(recursive: true);
    }

    private static Process Start(string program, string[] arguments, string home, string runtime, string? address)
    {
        var start = new ProcessStartInfo(program)
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

        start.Environment["HOME"] = home;
        start.Environment["XDG_RUNTIME_DIR"] = runtime;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(home, "data");
        if (address is not null)
        {
            start.Environment["DBUS_SESSION_BUS_ADDRESS"] = address;
        }

        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed; the keychain tests need the real Secret Service: {Install}.", e);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // A lookup is answered as soon as the daemon owns its bus name; a store needs the unlocked login
                // collection, which the daemon creates from the piped password a little later. Wait for both.
                await Keychain.SaveAsync("readiness", "probe", "readiness probe", "probe");
                await Keychain.DeleteAsync("readiness", "probe");
                return;
            }
            catch (KeychainException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !_keyring.HasExited)
            {
                await Task.Delay(200);
            }
            catch (KeychainException e) when (e.Message.Contains("was not found", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"secret-tool is not installed: {Install}.", e);
            }
        }
    }
}
