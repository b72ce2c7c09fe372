using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mining.Testing;

/// <summary>
/// The local host as a real process: <c>Mining.Functions.LocalHost.dll</c> from the test's output folder (the test
/// project references Mining.Functions.LocalHost), run with <c>dotnet</c> on a free loopback port, in Development unless
/// its settings say otherwise, its settings given as environment variables, its standard output and error kept as the
/// log a test reads (and, when asked, in a file). <see cref="KillAsync"/> ends it with SIGKILL: no shutdown code runs,
/// no lease is given back, a step in flight stops where it is; <see cref="StopAsync"/> ends it as a service manager would.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(string name, Process process, Uri baseUrl, string? logFile)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        LogFile = logFile;
    }

    /// <summary>What the test calls this host in messages ("first", "restarted").</summary>
    public string Name { get; }

    /// <summary>Where the host serves HTTP (also its <c>PublicBaseUrl</c>).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The file that keeps the whole output for a failed test, when the start asked for one.</summary>
    public string? LogFile { get; }

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (only once <see cref="HasExited"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the host and returns at once. <paramref name="settings"/> use configuration keys (<c>:</c> or <c>__</c>)
    /// and may override the environment (<c>ASPNETCORE_ENVIRONMENT</c>) and <c>PublicBaseUrl</c>;
    /// <paramref name="arguments"/> go on the command line after <c>--urls</c> (say, <c>--demo</c>). With
    /// <paramref name="logDirectory"/> the output is also appended to a file there, named after the task hub, the host and its pid.
    /// </summary>
    public static LocalHostProcess Start(
        IReadOnlyDictionary<string, string>? settings = null, string name = "local", IReadOnlyList<string>? arguments = null, string? logDirectory = null)
    {
        settings ??= new Dictionary<string, string>();
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var app = Path.Combine(AppContext.BaseDirectory, "Mining.Functions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--urls", url.GetLeftPart(UriPartial.Authority), .. arguments ?? []])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["PublicBaseUrl"] = url.ToString();
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start the local host.");
        var logFile = logDirectory is null
            ? null
            : Path.Combine(
                Directory.CreateDirectory(logDirectory).FullName,
                $"{HubName(settings) ?? "host"}-{name}-{process.Id.ToString(CultureInfo.InvariantCulture)}.log");
        var host = new LocalHostProcess(name, process, url, logFile);
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// Starts the host (<see cref="Start"/>) and waits until <c>/readyz</c> answers 200, which the host serves only once
    /// its start-up (engine, tables, singletons, chain) has run; a host that exits or is not ready
    /// <paramref name="within"/> is killed and the error holds the end of its output.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(
        IReadOnlyDictionary<string, string>? settings, TimeSpan within, string name = "local", string? logDirectory = null)
    {
        var host = Start(settings, name, logDirectory: logDirectory);
        try
        {
            await host.WaitUntilReadyAsync(within);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of this host, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(100) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Waits until the host ends by itself (a <c>--demo</c> run, a refused start) and returns its exit code; past <paramref name="within"/> it is killed and a <see cref="TimeoutException"/> holds its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The {Name} host did not exit within {within}.\n{Tail()}");
        }

        // The exit is seen before the last lines are read: wait for the end of both streams.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>
    /// Stops the host as a terminal or a service manager would (SIGTERM), so its shutdown code runs and exporters flush
    /// what they hold; a host still running after <paramref name="grace"/> is killed.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            await _process.WaitForExitAsync();
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>
    /// Kills the host with SIGKILL (what <see cref="Process.Kill()"/> sends on Unix) and waits until it is gone. Only the
    /// host: components of the dev stack it may have started run in their own process groups and stay up.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>The last lines of the output, for failure messages.</summary>
    public string Tail(int lines = 60)
    {
        var all = Output.Split('\n');
        var whole = LogFile is null ? string.Empty : $", whole log in {LogFile}";
        return $"--- {Name} host (pid {_process.Id}{whole}), last {Math.Min(lines, all.Length)} lines ---\n" + string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>Waits until <c>/readyz</c> answers 200; throws with the end of the output when the host exits first or <paramref name="within"/> passes.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {Name} host exited with {_process.ExitCode} before it was ready.\n{Tail()}");
            }

            try
            {
                using var ready = await Probe.GetAsync(new Uri(BaseUrl, "readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The {Name} host was not ready at {BaseUrl} within {within}.\n{Tail()}");
            }

            await Task.Delay(250);
        }
    }

    private static string? HubName(IReadOnlyDictionary<string, string> settings) =>
        settings.FirstOrDefault(s => s.Key.Replace("__", ":", StringComparison.Ordinal) == "extensions:durableTask:hubName").Value;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (LogFile is not null)
            {
                File.AppendAllText(LogFile, line + Environment.NewLine);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
