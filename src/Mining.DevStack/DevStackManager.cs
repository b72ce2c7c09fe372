using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mining.DevStack.Components;

namespace Mining.DevStack;

/// <summary>
/// Starts, reuses and stops the local development stack: Azurite, anvil, maildev (and the IPFS nodes).
/// </summary>
/// <remarks>
/// Guarantees: a healthy stack that is already running is reused as it is, and so is a busy one (a component whose
/// ports take connections but whose health check answers late); only dead (a running one: failed
/// health checks with a port refusing connections, three times) or missing components are (re)started; every component runs in its own process group, and <see cref="DownAsync"/> stops exactly the
/// groups recorded in the state file whose pid and start time still match (a stale record is dropped, never used to
/// signal an unrelated process). Starts and stops from several processes are serialised by a lock file.
/// </remarks>
public sealed class DevStackManager(DevStackOptions options, IReadOnlyList<IDevComponent>? components = null)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Every component of the local stack, in start order.</summary>
    public static IReadOnlyList<IDevComponent> DefaultComponents { get; } =
        [new AzuriteComponent(), new AnvilComponent(), new MailDevComponent(), new IpfsNodeComponent("A"), new IpfsNodeComponent("B", connectTo: "A")];

    private readonly IReadOnlyList<IDevComponent> _components = components ?? DefaultComponents;

    public DevStackOptions Options { get; } = options;

    /// <summary>Brings the stack up (reusing what is healthy) and returns where it listens.</summary>
    public async Task<UpResult> UpAsync(TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        log ??= TextWriter.Null;
        var watch = Stopwatch.StartNew();
        await using var guard = await StackLock.AcquireAsync(Options.StateDirectory, cancellationToken);
        var tools = await NpmInstaller.EnsureInstalledAsync(Options.InfraDirectory, log, cancellationToken);
        using var http = NewHttpClient();

        var previous = (StackState.Load(Options.StateDirectory)?.Components ?? []).ToDictionary(c => c.Name);
        var running = new Dictionary<string, ComponentState>();
        var toStart = new List<IDevComponent>();
        foreach (var component in _components)
        {
            previous.TryGetValue(component.Name, out var state);
            var alive = state is not null && ProcessGroup.IsSame(state.Pid, state.StartTicks);
            var current = state is not null
                && state.CommandLine == CommandLine(component.BuildCommand(new ComponentContext(tools, state.DataDirectory, state.Ports, Options)));
            if (alive && current && await IsStillHealthyAsync(component, state!, http, cancellationToken))
            {
                running[component.Name] = state!;
                continue;
            }

            if (alive)
            {
                await log.WriteLineAsync(current
                    ? $"{component.Name} (pid {state!.Pid}) is running but unhealthy; restarting it."
                    : $"{component.Name} (pid {state!.Pid}) runs with other settings; restarting it.");
                await ProcessGroup.StopAsync(state.Pid, StopGrace, cancellationToken);
            }

            toStart.Add(component);
        }

        var started = await StartAsync(toStart, running, tools, http, log, cancellationToken);
        foreach (var component in _components)
        {
            await component.OnStackReadyAsync(running, http, cancellationToken);
        }

        var endpoints = EndpointsBuilder.Build(running);
        new StackState([.. _components.Select(c => running[c.Name])], endpoints).Save(Options.StateDirectory);
        return new UpResult(endpoints, started, watch.Elapsed);
    }

    /// <summary>Stops every process group the state file records (and that is still ours), then removes the file.</summary>
    public async Task<IReadOnlyList<string>> DownAsync(CancellationToken cancellationToken = default)
    {
        await using var guard = await StackLock.AcquireAsync(Options.StateDirectory, cancellationToken);
        var stopped = new List<string>();
        foreach (var state in StackState.Load(Options.StateDirectory)?.Components ?? [])
        {
            if (ProcessGroup.IsSame(state.Pid, state.StartTicks))
            {
                await ProcessGroup.StopAsync(state.Pid, StopGrace, cancellationToken);
                stopped.Add(state.Name);
            }
        }

        StackState.Delete(Options.StateDirectory);
        return stopped;
    }

    /// <summary>Each recorded component and whether it is running and healthy.</summary>
    public async Task<IReadOnlyList<ComponentStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        using var http = NewHttpClient();
        var recorded = (StackState.Load(Options.StateDirectory)?.Components ?? []).ToDictionary(c => c.Name);
        var result = new List<ComponentStatus>();
        foreach (var component in _components)
        {
            if (!recorded.TryGetValue(component.Name, out var state))
            {
                result.Add(new ComponentStatus(component.Name, null, false, false));
                continue;
            }

            var alive = ProcessGroup.IsSame(state.Pid, state.StartTicks);
            var healthy = alive && await component.IsHealthyAsync(state, http, cancellationToken);
            result.Add(new ComponentStatus(component.Name, state, alive, healthy));
        }

        return result;
    }

    /// <summary>The endpoints of the recorded stack, or null when none was brought up.</summary>
    public DevStackEndpoints? ReadEndpoints() => StackState.Load(Options.StateDirectory)?.Endpoints;

    private async Task<IReadOnlyList<string>> StartAsync(
        List<IDevComponent> toStart,
        Dictionary<string, ComponentState> running,
        StackTools tools,
        HttpClient http,
        TextWriter log,
        CancellationToken cancellationToken)
    {
        var ports = new PortAllocator();
        foreach (var port in running.Values.SelectMany(s => s.Ports.Values))
        {
            ports.Reserve(port);
        }

        var launched = new List<(IDevComponent Component, ComponentState State, Process Process)>();
        try
        {
            foreach (var component in toStart)
            {
                var chosen = component.DefaultPorts.ToDictionary(p => p.Key, p => ports.Choose(p.Value + Options.PortOffset));
                var data = Directory.CreateDirectory(Path.Combine(Options.StateDirectory, "data", component.Name)).FullName;
                var logs = Directory.CreateDirectory(Path.Combine(Options.StateDirectory, "logs")).FullName;
                var logPath = Path.Combine(logs, component.Name + ".log");
                var command = component.BuildCommand(new ComponentContext(tools, data, chosen, Options));
                await File.AppendAllTextAsync(
                    logPath, $"--- {DateTimeOffset.UtcNow:O} starting {CommandLine(command)}{Environment.NewLine}",
                    cancellationToken);
                var process = ProcessGroup.Start(command.FileName, command.Arguments, data, logPath);
                var ticks = ProcessGroup.StartTicks(process.Id) ?? 0;
                launched.Add((component, new ComponentState(component.Name, process.Id, ticks, chosen, logPath, data, CommandLine(command)), process));
                await log.WriteLineAsync($"Started {component.Name} (pid {process.Id}, ports {string.Join(", ", chosen.Values)}).");
            }

            await Task.WhenAll(launched.Select(l => WaitHealthyAsync(l.Component, l.State, l.Process, http, cancellationToken)));
        }
        catch
        {
            foreach (var (_, state, _) in launched)
            {
                await ProcessGroup.StopAsync(state.Pid, StopGrace, CancellationToken.None);
            }

            throw;
        }
        finally
        {
            foreach (var (_, _, process) in launched)
            {
                process.Dispose();
            }
        }

        foreach (var (component, state, _) in launched)
        {
            running[component.Name] = state;
        }

        return [.. launched.Select(l => l.Component.Name)];
    }

    private async Task WaitHealthyAsync(
        IDevComponent component, ComponentState state, Process process, HttpClient http, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new ComponentExitedException(component.Name, process.ExitCode, state.LogPath, Tail(state.LogPath));
            }

            if (await component.IsHealthyAsync(state, http, cancellationToken))
            {
                return;
            }

            if (watch.Elapsed > Options.HealthTimeout)
            {
                throw new HealthCheckTimeoutException(
                    component.Name, component.DescribeHealthCheck(state), Options.HealthTimeout, state.LogPath);
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string Tail(string path)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(10));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string CommandLine(ComponentCommand command) => command.FileName + " " + string.Join(' ', command.Arguments);

    /// <summary>
    /// A running component is restarted only when it is dead inside a live process: its health check fails and one of
    /// its ports refuses connections, three times a second apart. One whose ports take connections is busy, not dead
    /// (Azurite, single-threaded, answers late for minutes while parallel test runs load it), and is reused as it is:
    /// restarting it would fail every request of the processes using it and, reloaded at once by all of them, it would
    /// not answer the new health check either.
    /// </summary>
    private static async Task<bool> IsStillHealthyAsync(IDevComponent component, ComponentState state, HttpClient http, CancellationToken cancellationToken)
    {
        for (var refused = 0; refused < 3; refused++)
        {
            if (await component.IsHealthyAsync(state, http, cancellationToken) || !await AnyPortRefusesAsync(state, cancellationToken))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        return false;
    }

    /// <summary>Whether a connection to one of the component's loopback ports is refused (nothing listens there).</summary>
    private static async Task<bool> AnyPortRefusesAsync(ComponentState state, CancellationToken cancellationToken)
    {
        foreach (var port in state.Ports.Values)
        {
            using var client = new TcpClient();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, limit.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A full backlog or a slow accept: busy, not refused.
            }
        }

        return false;
    }

    private static HttpClient NewHttpClient() => new() { Timeout = TimeSpan.FromSeconds(2) };
}

/// <summary>The outcome of <see cref="DevStackManager.UpAsync"/>.</summary>
/// <param name="Endpoints">Where the stack listens.</param>
/// <param name="Started">The components this call started; empty when the running stack was reused whole.</param>
/// <param name="Elapsed">How long the call took.</param>
public sealed record UpResult(DevStackEndpoints Endpoints, IReadOnlyList<string> Started, TimeSpan Elapsed)
{
    public bool Reused => Started.Count == 0;
}

/// <summary>One component as <see cref="DevStackManager.StatusAsync"/> found it.</summary>
public sealed record ComponentStatus(string Name, ComponentState? State, bool Running, bool Healthy);
