using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mining.Functions.Tests.Resilience;

/// <summary>
/// The local host as a real process: <c>Mining.Functions.LocalHost.dll</c> from the test's output folder, run with
/// <c>dotnet</c> in Development, its settings given as environment variables, its console output kept as the log a test
/// reads. <see cref="KillAsync"/> ends it with SIGKILL: no shutdown code runs, no lease is given back, a step in flight
/// stops where it is.
/// </summary>
internal sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalHostProcess(string name, Process process, Uri baseUrl)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>What the test calls this host in messages ("first", "restarted").</summary>
    public string Name { get; }

    /// <summary>The whole output, also kept in a file for a failed test (under the test output's <c>resilience-logs</c>).</summary>
    public string LogFile { get; private init; } = string.Empty;

    /// <summary>Where the host serves HTTP.</summary>
    public Uri BaseUrl { get; }

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

    /// <summary>
    /// Starts the host with <paramref name="settings"/> (keys as in configuration, <c>:</c> or <c>__</c>) on a free
    /// loopback port and waits until <c>/readyz</c> answers 200, which the host serves only once its start-up (engine,
    /// tables, singletons, chain) has run.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var app = Path.Combine(AppContext.BaseDirectory, "Mining.Functions.LocalHost.dll");
        var info = new ProcessStartInfo("dotnet", [app, "--urls", url.ToString()])
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
        var logs = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "resilience-logs")).FullName;
        var host = new LocalHostProcess(name, process, url)
        {
            LogFile = Path.Combine(logs, $"{settings.GetValueOrDefault("extensions:durableTask:hubName", "host")}-{name}-{process.Id}.log"),
        };
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of this host that sends <paramref name="apiKey"/>.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Unix) and waits until it is gone.</summary>
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
        return $"--- {Name} host (pid {_process.Id}, whole log in {LogFile}), last {Math.Min(lines, all.Length)} lines ---\n" + string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
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
                using var ready = await Probe.GetAsync(new Uri(BaseUrl, "/readyz"));
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
                throw new TimeoutException($"The {Name} host was not ready within {within}.\n{Tail()}");
            }

            await Task.Delay(250);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            File.AppendAllText(LogFile, line + Environment.NewLine);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
