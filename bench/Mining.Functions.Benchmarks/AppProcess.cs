using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mining.Functions.Benchmarks;

/// <summary>
/// The app as a separate process (<c>dotnet Mining.Functions.LocalHost.dll --urls … --PublicBaseUrl …</c> in Development), as
/// the journey test runs it. Every output line is kept with the time it arrived, so the log gives stage timings.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _logFile;
    private readonly Task _pumps;

    private AppProcess(Process process, Uri baseAddress, string dll, string logPath)
    {
        _process = process;
        BaseAddress = baseAddress;
        Dll = dll;
        LogPath = logPath;
        _logFile = new StreamWriter(logPath) { AutoFlush = true };
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public Uri BaseAddress { get; }

    public string Dll { get; }

    public string LogPath { get; }

    public ConcurrentQueue<(DateTimeOffset At, string Line)> Lines { get; } = new();

    /// <summary>The app's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>
    /// Starts the app from a copy of its build output (the tree is rebuilt by others while a run lasts), with the
    /// repository root as working directory so the app finds the samples, and <c>MINING_DEVSTACK_DIR</c> set to
    /// <paramref name="stackStateDirectory"/> so the app in Development uses the benchmark's dev stack, not another.
    /// </summary>
    public static AppProcess Start(string repositoryRoot, string builtDll, string stackStateDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var snapshot = Path.Combine(Path.GetTempPath(), $"mining-functions-bench-app-{Environment.ProcessId}");
        CopyDirectory(Path.GetDirectoryName(builtDll)!, snapshot);
        var dll = Path.Combine(snapshot, Path.GetFileName(builtDll));
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url, "--PublicBaseUrl", url])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = repositoryRoot,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["MINING_DEVSTACK_DIR"] = stackStateDirectory;
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"mining-functions-bench-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
        return new AppProcess(process, new Uri(url + "/"), dll, logPath);
    }

    /// <summary>Waits until <c>/healthz</c> answers 200; fails when the process exits or the time is up.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"The app did not answer /healthz within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _pumps;
        await _logFile.DisposeAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Dll)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            var at = DateTimeOffset.UtcNow;
            Lines.Enqueue((at, line));
            lock (_logFile)
            {
                _logFile.WriteLine($"{at:HH:mm:ss.fff} {line}");
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
