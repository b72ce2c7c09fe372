using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Testing;

namespace Mining.Cli.Tests.Support;

/// <summary>
/// The service as the CLI meets it: <c>Mining.Functions.LocalHost.dll</c> in its own process on a free loopback port, in
/// Development on the shared local stack (Azurite, anvil, both IPFS nodes, maildev), with an operator key, its own task
/// hub, a short batch window and 3 attempts per step a second apart. Besides node A it pins on a second target: node A
/// again behind a <see cref="FaultProxy"/>, which a test takes down to make a dead letter. One instance per test class.
/// </summary>
public sealed class LocalService : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private LocalHostProcess? _host;

    public Uri Url { get; private set; } = null!;

    public string OperatorKey { get; } = "op_" + Guid.NewGuid().ToString("N");

    public FaultProxy Proxy { get; private set; } = null!;

    public Uri AnvilRpcUrl { get; private set; } = null!;

    public IReadOnlyList<Uri> Gateways { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var endpoints = (await DevStackFixture.Manager.UpAsync()).Endpoints;
        AnvilRpcUrl = endpoints.AnvilRpcUrl;
        Gateways = [.. endpoints.IpfsNodes.Select(n => n.GatewayUrl)];
        Proxy = FaultProxy.Start(endpoints.IpfsNodes[0].RpcUrl);
        _host = await LocalHostProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["Operator:ApiKey"] = OperatorKey,
                ["Publishing:BatchWindow"] = "00:00:03",
                ["Publishing:RetryMaxAttempts"] = "3",
                ["Publishing:RetryFirstInterval"] = "00:00:01",
                ["Publishing:RetryMaxInterval"] = "00:00:02",
                ["Ipfs:Nodes:1:Name"] = "node-a-behind-proxy",
                ["Ipfs:Nodes:1:RpcUrl"] = Proxy.Url.ToString(),
                ["extensions:durableTask:hubName"] = "Cli" + Guid.NewGuid().ToString("N")[..12],
            },
            TimeSpan.FromMinutes(4),
            "CLI tests'");
        Url = _host.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Proxy.DisposeAsync();
    }

    /// <summary>What the host printed so far (for failure messages).</summary>
    public string Log => _host?.Output ?? string.Empty;

    /// <summary>
    /// A new contributor (through <c>POST /api/contributors</c>) whose reward wallet is a light-KDF keystore at
    /// <c>HOME/.mining/wallet/keystore.json</c>, funded on anvil for gas; a CLI that runs in that HOME with its key.
    /// </summary>
    public async Task<Contributor> NewContributorAsync(string home)
    {
        using var wallet = PrivateKeySigner.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, "api/contributors"))
        {
            Content = JsonContent.Create(new { name = "CLI contributor", email = "cli@mining.local", rewardAddress = wallet.Address.ToString() }),
        };
        request.Headers.Add("X-Api-Key", OperatorKey);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var keystore = Path.Combine(home, ".mining", "wallet", "keystore.json");
        Directory.CreateDirectory(Path.GetDirectoryName(keystore)!);
        await File.WriteAllTextAsync(keystore, KeystoreV3.Encrypt(wallet, Contributor.WalletPassphrase, ScryptParameters.Light));
        await FundAsync(wallet.Address.ToString());
        var mining = new MiningProcess(home);
        mining.Environment["MINING_URL"] = Url.ToString();
        mining.Environment["MINING_API_KEY"] = body.GetProperty("apiKey").GetString()!;
        mining.Environment["MINING_RPC_URL"] = AnvilRpcUrl.ToString();
        mining.Environment["WALLET_PASSPHRASE"] = Contributor.WalletPassphrase;
        return new Contributor(body.GetProperty("apiKey").GetString()!, wallet.Address.ToString(), mining);
    }

    /// <summary>A CLI that sends the operator key.</summary>
    public MiningProcess Operator(string home)
    {
        var mining = new MiningProcess(home);
        mining.Environment["MINING_URL"] = Url.ToString();
        mining.Environment["MINING_API_KEY"] = OperatorKey;
        return mining;
    }

    private async Task FundAsync(string address)
    {
        using var response = await Http.PostAsJsonAsync(AnvilRpcUrl, new { jsonrpc = "2.0", id = 1, method = "anvil_setBalance", @params = new[] { address, "0x8AC7230489E80000" } });
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>A contributor made for a test: its API key, reward address and a CLI that uses them.</summary>
public sealed record Contributor(string ApiKey, string RewardAddress, MiningProcess Mining)
{
    public const string WalletPassphrase = "cli wallet passphrase";
}
