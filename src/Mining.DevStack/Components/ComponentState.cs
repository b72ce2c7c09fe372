namespace Mining.DevStack.Components;

/// <summary>A started component as recorded in the state file.</summary>
/// <param name="Name">The component's name.</param>
/// <param name="Pid">The process id, which is also its process group id.</param>
/// <param name="StartTicks">The process's start time in clock ticks since boot, to tell a reused pid from ours.</param>
/// <param name="Ports">The ports it listens on, by name.</param>
/// <param name="LogPath">Where its stdout and stderr go.</param>
/// <param name="DataDirectory">Its persistent data folder.</param>
/// <param name="CommandLine">The command it was started with; a different one now means its settings changed.</param>
public sealed record ComponentState(
    string Name,
    int Pid,
    long StartTicks,
    IReadOnlyDictionary<string, int> Ports,
    string LogPath,
    string DataDirectory,
    string CommandLine = "")
{
    /// <summary>The loopback URL of one of its ports.</summary>
    public Uri Url(string port) => new($"http://127.0.0.1:{Ports[port]}/");
}
