using System.Globalization;

namespace Mining.DevStack.Components;

/// <summary>anvil: a local EVM chain (chain id 31337) whose state is kept across restarts in its data folder.</summary>
internal sealed class AnvilComponent : IDevComponent
{
    public const long ChainId = 31337;

    public string Name => "anvil";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } = new Dictionary<string, int> { ["rpc"] = 8545 };

    public string DescribeHealthCheck(ComponentState state) => $"eth_chainId on {state.Url("rpc")}";

    public ComponentCommand BuildCommand(ComponentContext context)
    {
        var args = new List<string>
        {
            "--host", "127.0.0.1",
            "--port", context.Ports["rpc"].ToString(CultureInfo.InvariantCulture),
            "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture),
            "--state", Path.Combine(context.DataDirectory, "state.json"),
        };
        if (context.Options.AnvilBlockTimeSeconds is { } blockTime)
        {
            args.AddRange(["--block-time", blockTime.ToString(CultureInfo.InvariantCulture), "--mixed-mining"]);
        }

        return new ComponentCommand(context.Tools.Bin("anvil"), args);
    }

    public async Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken)
    {
        var answer = await HealthProbe.PostJsonAsync(
            http, state.Url("rpc"), """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""", cancellationToken);
        return answer is not null && answer.Contains("\"0x7a69\"", StringComparison.Ordinal);
    }
}
