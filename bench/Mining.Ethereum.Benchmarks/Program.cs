using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Mining.Contracts;
using Mining.Ethereum;
using Mining.Ethereum.Benchmarks;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Transactions;
using Nethereum.ABI;
using Nethereum.Hex.HexTypes;
using Nethereum.Model;
using Nethereum.Util;

// Prints gas of the registry's anchor and claim against their targets, and sign / sign-and-send throughput.
// Usage: dotnet run -c Release --project bench/Mining.Ethereum.Benchmarks [-- <transactions to send, default 200>]
var sends = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
const ulong AnchorTarget = 75_000;
const ulong ClaimTarget = 90_000;
const ulong EasAttestPerItem = 180_132;
const int BatchSize = 1000;

await using var anvil = await PrivateAnvil.StartAsync();
var rpc = new EthRpcClient(new HttpClient(), new EthRpcOptions { Endpoint = anvil.Url });
using var operatorKey = PrivateKeySigner.CreateRandom();
await rpc.SendRequestAsync("anvil_setBalance", null, operatorKey.Address.ToString(), new HexBigInteger(BigInteger.Pow(10, 22)).HexValue);
var manager = new TransactionManager(rpc, operatorKey, new InMemoryNonceStore(), new TransactionManagerOptions
{
    ChainId = (ulong)(await rpc.Eth.ChainId.SendRequestAsync()).Value,
    Confirmations = 1,
    MaxFeePerGasCeiling = 1_000_000_000_000,
    PollInterval = TimeSpan.FromMilliseconds(10),
});

var deployment = await ContractDeployer.DeployAsync(manager);
var registry = new LearningRegistryContract(rpc, deployment.Registry);
var deployReceipt = await rpc.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(deployment.Transaction.ToString());

var accounts = Enumerable.Range(1, 4).Select(i => new Address(Sha3Keccack.Current.CalculateHash([(byte)i]).AsSpan(12))).ToArray();
var amounts = new BigInteger[] { 100, 50, 25, 10 };
var leaves = accounts.Select((a, i) => Keccak(Sha3Keccack.Current.CalculateHash(new ABIEncode().GetABIEncoded(new ABIValue("address", a.ToString()), new ABIValue("uint256", amounts[i]))))).ToArray();
var pair01 = Pair(leaves[0], leaves[1]);
var pair23 = Pair(leaves[2], leaves[3]);
var rewardsRoot = Pair(pair01, pair23);
Hash32[][] proofs = [[leaves[1], pair23], [leaves[0], pair23], [leaves[3], pair01], [leaves[2], pair01]];

var firstAnchor = await Send(registry.Anchor(Word("batch-0"), BatchSize, Word("manifest-0"), rewardsRoot));
var steadyAnchor = await Send(registry.Anchor(Word("batch-1"), BatchSize, Word("manifest-1"), rewardsRoot));
var unchangedRootAnchor = await Send(registry.Anchor(Word("batch-2"), BatchSize, Word("manifest-2"), Hash32.Zero));
var firstClaim = await Send(registry.Claim(accounts[0], amounts[0], proofs[0]));
var steadyClaim = await Send(registry.Claim(accounts[1], amounts[1], proofs[1]));

Console.WriteLine($"Contracts: solc {ContractArtifact.LearningRegistry.Compiler}, optimizer 10000 runs, evm cancun; anvil at {anvil.Url}");
Console.WriteLine();
Console.WriteLine("Gas                                         used    target   ratio");
Row("deploy registry + token", (ulong)deployReceipt.GasUsed.Value, null);
Row("anchor, first ever (initialises counters)", firstAnchor, null);
Row("anchor, steady state (new rewards root)", steadyAnchor, AnchorTarget);
Row("anchor, steady state (rewards root kept)", unchangedRootAnchor, AnchorTarget);
Row("claim, first ever (initialises supply)", firstClaim, null);
Row("claim, steady state (new holder)", steadyClaim, ClaimTarget);
Console.WriteLine($"anchor per learning in a batch of {BatchSize}: {steadyAnchor / (double)BatchSize:0.0} gas (EAS attest: {EasAttestPerItem:N0} per item, {EasAttestPerItem * (double)BatchSize / steadyAnchor:N0}x more)");
Console.WriteLine();

var signStopwatch = Stopwatch.StartNew();
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var signCount = 0;
while (signStopwatch.Elapsed < TimeSpan.FromSeconds(2))
{
    await operatorKey.SignTransactionAsync(new Transaction1559(31337, signCount++, 1_000_000_000, 3_000_000_000, 21_000, accounts[0].ToString(), 1, "0x", []));
}

var signCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
Console.WriteLine($"sign EIP-1559 transaction (in memory, with sender recovery check): {signCount / signStopwatch.Elapsed.TotalSeconds:N0} tx/s on one thread, {signCpu.TotalMilliseconds / signCount:0.00} CPU ms each ({1000 / (signCpu.TotalMilliseconds / signCount):N0} tx/s per free core)");

var sendStopwatch = Stopwatch.StartNew();
var sent = await Task.WhenAll(Enumerable.Range(0, sends).Select(i => manager.SendAsync(new TransactionRequest(accounts[i % 4], ReadOnlyMemory<byte>.Empty) { Value = 1 })));
var sendElapsed = sendStopwatch.Elapsed;
var distinctNonces = sent.Select(s => s.Nonce).Distinct().Count();
var sendRate = sends / sendElapsed.TotalSeconds;
Console.WriteLine($"sign-and-send via TransactionManager, {sends} concurrent transfers: {sendRate:N0} tx/s ({sendElapsed.TotalMilliseconds / sends:0.00} ms each; {distinctNonces} distinct nonces {sent.Min(s => s.Nonce)}..{sent.Max(s => s.Nonce)})");
Console.WriteLine($"  sign-and-send reaches {sendRate / (1000 / (signCpu.TotalMilliseconds / signCount)):P0} of one core's signing-only rate; each send also makes five JSON-RPC calls (estimate, fee history, balance, nonce, send), overlapped across concurrent sends");
Console.WriteLine($"  machine load while measuring: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (figures scale with free CPU)");
return 0;

async Task<ulong> Send(TransactionRequest request)
{
    var transaction = await manager.SendAsync(request);
    var (_, receipt) = await manager.WaitForConfirmationAsync(transaction);
    return (ulong)receipt.GasUsed.Value;
}

static void Row(string what, ulong gas, ulong? target) =>
    Console.WriteLine(target is { } t
        ? $"{what,-42} {gas,7:N0} {t,9:N0} {gas / (double)t,7:0.00} {(gas <= t ? "ok" : "OVER")}"
        : $"{what,-42} {gas,7:N0}");

static Hash32 Word(string text) => Keccak(System.Text.Encoding.UTF8.GetBytes(text));

static Hash32 Keccak(byte[] data) => new(Sha3Keccack.Current.CalculateHash(data));

static Hash32 Pair(Hash32 a, Hash32 b)
{
    var (low, high) = string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
    return Keccak([.. low.ToByteArray(), .. high.ToByteArray()]);
}
