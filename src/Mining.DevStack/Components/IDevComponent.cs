namespace Mining.DevStack.Components;

/// <summary>
/// One process of the local stack. Adding a component is a new implementation of this interface plus a line in
/// <see cref="DevStackManager.DefaultComponents"/>; the stack handles ports, process groups, logs, health waits and state.
/// </summary>
public interface IDevComponent
{
    /// <summary>Unique name, used in the state file, logs and errors.</summary>
    string Name { get; }

    /// <summary>Named ports with their preferred values; a taken port is replaced by a free one.</summary>
    IReadOnlyDictionary<string, int> DefaultPorts { get; }

    /// <summary>What the health check does, for error messages ("eth_chainId on http://…").</summary>
    string DescribeHealthCheck(ComponentState state);

    /// <summary>The command line that runs the component in the foreground.</summary>
    ComponentCommand BuildCommand(ComponentContext context);

    /// <summary>True when the component answers as it should; false (not an exception) while it is still starting.</summary>
    Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken);

    /// <summary>Runs once every component is healthy (for example, to connect peers). Must be idempotent.</summary>
    Task OnStackReadyAsync(IReadOnlyDictionary<string, ComponentState> stack, HttpClient http, CancellationToken cancellationToken)
        => Task.CompletedTask;
}

/// <summary>What a component needs to build its command line.</summary>
/// <param name="Tools">Paths of the stack's tools (node, the npm bin folder).</param>
/// <param name="DataDirectory">The component's own persistent folder.</param>
/// <param name="Ports">The ports chosen for this start, by name.</param>
/// <param name="Options">The stack's options.</param>
public sealed record ComponentContext(
    StackTools Tools, string DataDirectory, IReadOnlyDictionary<string, int> Ports, DevStackOptions Options);

/// <summary>An executable with its arguments.</summary>
public sealed record ComponentCommand(string FileName, IReadOnlyList<string> Arguments);

/// <summary>Paths of the tools installed by <c>npm ci</c> in infra/local.</summary>
/// <param name="Node">Node.js 22 from the node@22 package.</param>
/// <param name="NodeModules">The node_modules folder.</param>
public sealed record StackTools(string Node, string NodeModules)
{
    /// <summary>An executable from node_modules/.bin.</summary>
    public string Bin(string name) => Path.Combine(NodeModules, ".bin", name);
}
