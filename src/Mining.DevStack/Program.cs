using System.CommandLine;
using System.Text.Json;
using Mining.DevStack;

var blockTime = new Option<int?>("--block-time")
{
    Description = "Seconds between anvil's interval blocks; transactions are still mined at once (default: 1; 0 mines only per transaction).",
    DefaultValueFactory = _ => 1,
};
var json = new Option<bool>("--json") { Description = "Print the endpoints (up) or statuses (status) as JSON." };

var up = new Command("up", "Start the local stack, or reuse it when it is already running and healthy.") { blockTime, json };
up.SetAction(async (parse, ct) =>
{
    var seconds = parse.GetValue(blockTime);
    var stack = new DevStackManager(DevStackOptions.ForRepository() with { AnvilBlockTimeSeconds = seconds > 0 ? seconds : null });
    var result = await stack.UpAsync(Console.Out, ct);
    if (parse.GetValue(json))
    {
        Console.WriteLine(JsonSerializer.Serialize(result.Endpoints));
        return 0;
    }

    Console.WriteLine(result.Reused
        ? $"Reused the running stack in {result.Elapsed.TotalMilliseconds:0} ms."
        : $"Started {string.Join(", ", result.Started)} in {result.Elapsed.TotalSeconds:0.0} s.");
    Print(result.Endpoints);
    return 0;
});

var down = new Command("down", "Stop the processes the stack started.");
down.SetAction(async (_, ct) =>
{
    var stopped = await new DevStackManager(DevStackOptions.ForRepository()).DownAsync(ct);
    Console.WriteLine(stopped.Count == 0 ? "Nothing was running." : $"Stopped {string.Join(", ", stopped)}.");
    return 0;
});

var status = new Command("status", "Show each component, its pid, ports and health.") { json };
status.SetAction(async (parse, ct) =>
{
    var statuses = await new DevStackManager(DevStackOptions.ForRepository()).StatusAsync(ct);
    if (parse.GetValue(json))
    {
        Console.WriteLine(JsonSerializer.Serialize(statuses));
    }
    else
    {
        foreach (var s in statuses)
        {
            var state = s.State is null ? "not started" : $"pid {s.State.Pid}, ports {string.Join(", ", s.State.Ports.Select(p => $"{p.Key}={p.Value}"))}, log {s.State.LogPath}";
            Console.WriteLine($"{s.Name,-10} {(s.Healthy ? "healthy" : s.Running ? "UNHEALTHY" : "stopped"),-10} {state}");
        }
    }

    return statuses.All(s => s.Healthy) ? 0 : 3;
});

var root = new RootCommand("Starts, reuses and stops the Mining.Functions local development stack (state in .devstack/).")
{
    up, down, status,
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DevStackException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static void Print(DevStackEndpoints e)
{
    Console.WriteLine($"  Storage (Azurite)  {e.BlobEndpoint} {e.QueueEndpoint} {e.TableEndpoint}");
    Console.WriteLine($"  Chain (anvil)      {e.AnvilRpcUrl} chain id {e.ChainId}");
    Console.WriteLine($"  Mail (maildev)     smtp://{e.SmtpHost}:{e.SmtpPort}  inbox {e.MailDevApiUrl}");
    foreach (var node in e.IpfsNodes)
    {
        Console.WriteLine($"  IPFS node {node.Name,-8} rpc {node.RpcUrl}  gateway {node.GatewayUrl}  pinning {node.PinningUrl}");
    }
}
