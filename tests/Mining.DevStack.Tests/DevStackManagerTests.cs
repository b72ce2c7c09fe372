using System.Net;
using System.Net.Sockets;
using Mining.DevStack.Components;

namespace Mining.DevStack.Tests;

/// <summary>Runs private stacks (own state folder, shifted ports) of the real Azurite, anvil and maildev.</summary>
public sealed class DevStackManagerTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("devstack-test-").FullName;

    private DevStackOptions Options(int portOffset) => DevStackOptions.ForRepository() with
    {
        StateDirectory = _state,
        PortOffset = portOffset,
    };

    [Fact]
    public async Task A_stack_starts_from_nothing_is_reused_on_the_second_start_and_down_leaves_none_of_its_processes()
    {
        var options = Options(20000);
        using var squatter = new TcpListener(IPAddress.Loopback, 8545 + options.PortOffset);
        squatter.Start();
        var stack = new DevStackManager(options);

        var first = await stack.UpAsync();

        Assert.Equal(DevStackManager.DefaultComponents.Select(c => c.Name), first.Started);
        Assert.NotEqual(8545 + options.PortOffset, first.Endpoints.AnvilRpcUrl.Port);
        Assert.All(await stack.StatusAsync(), s => Assert.True(s.Healthy, $"{s.Name} is not healthy"));
        Assert.Equal(Json(first.Endpoints), Json(StackState.Load(_state)!.Endpoints!));

        var second = await stack.UpAsync();

        Assert.True(second.Reused);
        Assert.Empty(second.Started);
        Assert.Equal(Json(first.Endpoints), Json(second.Endpoints));

        var pids = (await stack.StatusAsync()).Select(s => s.State!.Pid).ToList();
        var stopped = await stack.DownAsync();

        Assert.Equal(DevStackManager.DefaultComponents.Select(c => c.Name), stopped);
        Assert.All(pids, pid => Assert.Empty(ProcessGroup.Members(pid)));
        Assert.Null(StackState.Load(_state));
    }

    [Fact]
    public async Task A_component_killed_outside_the_stack_is_restarted_and_its_stale_record_dropped()
    {
        var options = Options(21000);
        var stack = new DevStackManager(options);
        var first = await stack.UpAsync();
        var anvil = (await stack.StatusAsync()).Single(s => s.Name == "anvil").State!;
        await ProcessGroup.StopAsync(anvil.Pid, TimeSpan.FromSeconds(5), CancellationToken.None);

        try
        {
            var second = await stack.UpAsync();

            Assert.Equal(["anvil"], second.Started);
            Assert.All(await stack.StatusAsync(), s => Assert.True(s.Healthy, $"{s.Name} is not healthy"));
            Assert.NotEqual(anvil.Pid, (await stack.StatusAsync()).Single(s => s.Name == "anvil").State!.Pid);
        }
        finally
        {
            await stack.DownAsync();
        }
    }

    [Fact]
    public async Task A_running_component_that_answers_late_is_waited_for_and_not_restarted_under_its_users()
    {
        var stack = new DevStackManager(Options(22000));
        await stack.UpAsync();
        var azurite = (await stack.StatusAsync()).Single(s => s.Name == "azurite").State!;

        try
        {
            // Frozen for 10 s: the kernel still completes connections to its ports but nothing answers, as when parallel
            // test runs load it. Three failed health checks a second apart (about 8 s) used to restart it.
            await SignalAsync(azurite.Pid, "STOP");
            var thaw = Task.Delay(TimeSpan.FromSeconds(10)).ContinueWith(_ => SignalAsync(azurite.Pid, "CONT"), TaskScheduler.Default).Unwrap();
            var second = await stack.UpAsync();
            await thaw;

            Assert.Empty(second.Started);
            Assert.Equal(azurite.Pid, (await stack.StatusAsync()).Single(s => s.Name == "azurite").State!.Pid);
        }
        finally
        {
            await SignalAsync(azurite.Pid, "CONT");
            await stack.DownAsync();
        }
    }

    [Fact]
    public async Task A_component_that_exits_is_reported_with_its_name_exit_code_and_log()
    {
        var stack = new DevStackManager(Options(0), [new ScriptComponent("crasher", "echo cannot bind; exit 7")]);

        var error = await Assert.ThrowsAsync<ComponentExitedException>(() => stack.UpAsync());

        Assert.Equal("crasher", error.Component);
        Assert.Equal(7, error.ExitCode);
        Assert.Equal(Path.Combine(_state, "logs", "crasher.log"), error.LogPath);
        Assert.Contains("crasher exited with code 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot bind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_component_that_never_becomes_healthy_times_out_naming_its_check_and_is_stopped()
    {
        var options = Options(0) with { HealthTimeout = TimeSpan.FromSeconds(1) };
        var stack = new DevStackManager(options, [new ScriptComponent("sleeper", "exec sleep 60")]);

        var error = await Assert.ThrowsAsync<HealthCheckTimeoutException>(() => stack.UpAsync());

        Assert.Equal("sleeper", error.Component);
        Assert.Contains("never healthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(ProcessesStartedFrom(_state));
    }

    /// <summary>Live processes whose environment names this stack's log folder, i.e. the ones it started.</summary>
    private static IEnumerable<string> ProcessesStartedFrom(string state) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(pid => pid!.All(char.IsAsciiDigit) && ProcessGroup.StartTicks(int.Parse(pid!, System.Globalization.CultureInfo.InvariantCulture)) is not null)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/environ").Contains(state, StringComparison.Ordinal);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            })!;

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static string Json(DevStackEndpoints endpoints) => System.Text.Json.JsonSerializer.Serialize(endpoints);

    public void Dispose() => Directory.Delete(_state, recursive: true);

    /// <summary>A component that runs a shell script and is healthy never.</summary>
    private sealed class ScriptComponent(string name, string script) : IDevComponent
    {
        public string Name => name;
        public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int>();
        public string DescribeHealthCheck(ComponentState state) => "never healthy";
        public ComponentCommand BuildCommand(ComponentContext context) => new("sh", ["-c", script]);
        public Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }
}
