using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Mining.DevStack;

/// <summary>
/// Starts a command as the leader of a new session and process group (through setsid), with its output appended
/// to a log file, and stops exactly that group. Linux: liveness and identity come from /proc.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>Starts the command; the returned process's id is also its process group id.</summary>
    public static Process Start(string fileName, IReadOnlyList<string> arguments, string workingDirectory, string logPath)
    {
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = false,
        };
        // setsid runs sh in a new session; sh sends output to the log and execs the command, which keeps the pid.
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$MINING_DEVSTACK_LOG\" 2>&1 </dev/null");
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["MINING_DEVSTACK_LOG"] = logPath;
        return Process.Start(info) ?? throw new DevStackException($"Could not start '{fileName}'.");
    }

    /// <summary>The process's start time (clock ticks since boot), or null when it does not exist or is a zombie.</summary>
    public static long? StartTicks(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null || stat.Value.State == 'Z' ? null : stat.Value.StartTicks;
    }

    /// <summary>True when a process with this pid exists, is not a zombie and started at <paramref name="startTicks"/>.</summary>
    public static bool IsSame(int pid, long startTicks) => StartTicks(pid) == startTicks;

    /// <summary>Live (non-zombie) members of the process group.</summary>
    public static IReadOnlyList<int> Members(int pgid)
    {
        var members = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { State: not 'Z' } stat && stat.ProcessGroup == pgid)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>Sends SIGTERM to the group, waits up to <paramref name="grace"/>, then SIGKILLs what is left.</summary>
    public static async Task StopAsync(int pgid, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (Members(pgid).Count == 0)
        {
            return;
        }

        _ = Kill(-pgid, SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (Members(pgid).Count == 0)
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        _ = Kill(-pgid, SigKill);
        for (var i = 0; i < 100 && Members(pgid).Count > 0; i++)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static (char State, int ProcessGroup, long StartTicks)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may contain spaces; fields after it are space-separated.
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return (fields[0][0],
            int.Parse(fields[2], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
