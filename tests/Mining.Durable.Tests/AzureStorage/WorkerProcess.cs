using System.Diagnostics;
using System.Text;

namespace Mining.Durable.Tests.AzureStorage;

/// <summary>A Mining.Durable.TestWorker process: a real, separate worker that can be killed with SIGKILL.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

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

    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, string markerDirectory, int crashAfterCommits = 0)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(WorkerDll());
        info.ArgumentList.Add(connectionString);
        info.ArgumentList.Add(hub);
        info.ArgumentList.Add(markerDirectory);
        info.ArgumentList.Add(crashAfterCommits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the test worker.");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker._started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: true);

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
        }

        if (line.Contains("worker started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    private static string WorkerDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mining.Functions.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "tests", "Mining.Durable.TestWorker", "bin", configuration, "net10.0", "Mining.Durable.TestWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/Mining.Durable.TestWorker first.", path);
    }
}
