using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Mining.Cli.Learnings;
using Mining.Cli.Service;
using Mining.Cli.Wallet;
using Mining.Contracts;
using Mining.Ethereum;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;

namespace Mining.Cli.Rewards;

/// <summary>
/// <c>mining claim</c>: takes the claim data of <c>GET /api/rewards</c> (account, cumulative amount, Merkle proof,
/// registry, chain), signs the registry's <c>claim</c> with the wallet and sends it to the chain's node, then shows the
/// transaction until it has the asked confirmations (replacing it with higher fees if it is stuck, never above
/// <c>--max-fee-gwei</c>) and the token balance after it.
/// </summary>
internal static class ClaimCommand
{
    public const string RpcVariable = "MINING_RPC_URL";

    public static Command Create()
    {
        var wallet = new WalletOptions();
        var rpc = new Option<string?>("--rpc")
        {
            Description = $"The chain's JSON-RPC endpoint (default: ${RpcVariable}, else the one saved by 'mining login --rpc').",
            HelpName = "URL",
        };
        var confirmations = new Option<int>("--confirmations") { Description = "Blocks (including its own) before the claim counts as confirmed.", DefaultValueFactory = _ => 2, HelpName = "N" };
        var maxFee = new Option<decimal>("--max-fee-gwei") { Description = "The most gwei per gas the claim may pay; higher network fees stop it instead.", DefaultValueFactory = _ => 200, HelpName = "GWEI" };
        return ServiceCommand.Create("claim", "Claim your claimable rewards with your wallet and follow the transaction until it is confirmed.", async (parseResult, api, json, cancellationToken) =>
        {
            var rewards = await api.GetJsonAsync("api/rewards", cancellationToken);
            if (!rewards.TryGetProperty("claim", out var claim) || claim.ValueKind != JsonValueKind.Object)
            {
                if (!json)
                {
                    Console.Out.WriteLine($"Nothing to claim: claimable is {Tokens.Format(LearningView.Text(rewards, "claimable"))}.");
                }

                return new { claimed = false, rewards };
            }

            var rpcUrl = RpcUrl(parseResult.GetValue(rpc));
            var keystore = KeystoreFiles.Read(wallet.KeystorePath(parseResult));
            var passphrase = await wallet.Passphrases(parseResult).ExistingAsync(KeystoreV3.ReadAddress(keystore), cancellationToken);
            using var signer = await Task.Run(() => KeystoreV3.Decrypt(keystore, passphrase), cancellationToken);
            using var http = new HttpClient();
            var node = new EthRpcClient(http, new EthRpcOptions { Endpoint = rpcUrl });
            var chainId = claim.GetProperty("chainId").GetUInt64();
            try
            {
                var nodeChain = (ulong)(await node.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
                if (nodeChain != chainId)
                {
                    throw new CliException(ExitCodes.Usage, $"The node at {rpcUrl} serves chain {nodeChain}, but the claim is for chain {chainId}: pass --rpc with a node of chain {chainId}.");
                }

                var account = Address.Parse(LearningView.Text(claim, "account")!);
                var amount = BigInteger.Parse(LearningView.Text(claim, "cumulativeAmount")!, CultureInfo.InvariantCulture);
                var proof = claim.GetProperty("proof").EnumerateArray().Select(p => Hash32.Parse(p.GetString()!)).ToList();
                var registry = new LearningRegistryContract(node, Address.Parse(LearningView.Text(claim, "registry")!));
                var manager = new TransactionManager(node, signer, new InMemoryNonceStore(), new TransactionManagerOptions
                {
                    ChainId = chainId,
                    Confirmations = Math.Max(1, parseResult.GetValue(confirmations)),
                    MaxFeePerGasCeiling = new BigInteger(parseResult.GetValue(maxFee) * 1_000_000_000m),
                    PollInterval = TimeSpan.FromSeconds(1),
                });
                var sent = await manager.SendAsync(registry.Claim(account, amount, proof), cancellationToken);
                Say(json, $"Sent the claim of {Tokens.Format(LearningView.Text(rewards, "claimable"))} for {account} from {signer.Address}: transaction {sent.Latest.Hash} (nonce {sent.Nonce}).");
                var last = string.Empty;
                var (_, receipt) = await manager.WaitForConfirmationAsync(sent, (transaction, status) =>
                {
                    var line = status.State switch
                    {
                        TransactionState.Included => $"  included in block {status.Receipt!.BlockNumber.Value}: {status.Confirmations} of {parseResult.GetValue(confirmations)} confirmation(s)",
                        TransactionState.Confirmed => $"  confirmed in block {status.Receipt!.BlockNumber.Value} ({status.Confirmations} confirmations)",
                        TransactionState.Stuck => $"  stuck: replacing it with higher fees as {transaction.Latest.Hash}",
                        _ => $"  {status.State.ToString().ToLowerInvariant()}",
                    };
                    if (line != last)
                    {
                        last = line;
                        Say(json, line);
                    }

                    return ValueTask.CompletedTask;
                }, cancellationToken);
                var after = await api.GetJsonAsync("api/rewards", cancellationToken);
                Say(json, $"Claimed. Token balance of {account}: {Tokens.Format(LearningView.Text(after, "tokenBalance"))}.");
                return new
                {
                    claimed = true,
                    transaction = receipt.TransactionHash,
                    block = (ulong)receipt.BlockNumber.Value,
                    account = account.ToString(),
                    amount = LearningView.Text(rewards, "claimable"),
                    rewards = after,
                };
            }
            catch (Exception e) when (e is InsufficientFundsException or FeeCeilingExceededException or TransactionFailedException or ExecutionRevertedException)
            {
                throw new CliException(ExitCodes.TransactionFailed, $"The claim was not made: {e.Message}", e);
            }
            catch (Exception e) when (e is RpcUnreachableException or RpcTimeoutException)
            {
                throw new CliException(ExitCodes.Unavailable, $"The chain's node cannot be reached: {e.Message}", e);
            }
        }, wallet.Keystore, wallet.PassphraseEnv, wallet.PassphraseKeychain, rpc, confirmations, maxFee);
    }

    private static Uri RpcUrl(string? option)
    {
        var text = option ?? Environment.GetEnvironmentVariable(RpcVariable) ?? CliConfig.Load()?.RpcUrl;
        return string.IsNullOrWhiteSpace(text)
            ? throw new CliException(ExitCodes.Usage, $"No chain node to send the claim to: pass --rpc URL, set {RpcVariable}, or save one with 'mining login --rpc URL'.")
            : ServiceOptions.ParseUrl(text, "--rpc");
    }

    private static void Say(bool json, string line) => (json ? Console.Error : Console.Out).WriteLine(line);
}
