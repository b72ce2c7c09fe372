using System.CommandLine;
using Mining.Core.Merkle;
using Mining.Ethereum.Rpc;
using Mining.Ipfs.Gateways;

namespace Mining.Cli.Receipts;

/// <summary><c>mining receipt get ID</c> and <c>mining receipt verify FILE --rpc URL --gateway URL…</c>: checks a learning receipt against the chain and gateways.</summary>
internal static class ReceiptCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The receipt JSON (GET /api/learnings/{id}/receipt)." };
        var rpcUrl = new Option<string>("--rpc") { Description = "A JSON-RPC endpoint of the chain the receipt names.", Required = true, HelpName = "URL" };
        var gatewayUrls = new Option<string[]>("--gateway")
        {
            Description = "A trustless IPFS gateway to fetch the content from (repeat for more; every byte is hashed).",
            HelpName = "URL",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON." };
        var verify = new Command("verify", "Check a learning receipt without the service: the proof, the content on each gateway, the anchor on chain.")
        {
            file, rpcUrl, gatewayUrls, json,
        };
        verify.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(json), async () =>
        {
            var path = Path.GetFullPath(parseResult.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new CliException(ExitCodes.NotFound, $"There is no receipt at {path}.");
            }

            LearningReceipt receipt;
            try
            {
                receipt = LearningReceipt.FromJson(await File.ReadAllBytesAsync(path, cancellationToken));
            }
            catch (Exception e) when (e is ReceiptFormatException or FormatException or System.Text.Json.JsonException)
            {
                throw new CliException(ExitCodes.Usage, $"{path} is not a learning receipt: {e.Message}");
            }

            var gateways = (parseResult.GetValue(gatewayUrls) ?? []).Select(g => HttpUrl(g, "--gateway")).ToArray();
            using var http = new HttpClient();
            var verifier = new ReceiptVerifier(
                new EthRpcClient(http, new EthRpcOptions { Endpoint = HttpUrl(parseResult.GetValue(rpcUrl)!, "--rpc") }),
                new GatewayVerifier(http, new GatewayVerifierOptions { Gateways = [.. gateways], Quorum = Math.Max(1, gateways.Length) }));
            var checks = await verifier.VerifyAsync(receipt, gateways, cancellationToken);
            if (!parseResult.GetValue(json))
            {
                foreach (var check in checks)
                {
                    Console.Out.WriteLine($"{(check.Passed ? "ok  " : "FAIL")}  {check.Name}: {check.Detail}");
                }
            }

            var failed = checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
            if (failed.Count > 0)
            {
                throw new CliException(ExitCodes.VerificationFailed, $"The receipt of {receipt.Cid} failed {failed.Count} check(s): {string.Join(", ", failed)}.");
            }

            return new { cid = receipt.Cid, verified = true, checks };
        }));
        return new Command("receipt", "Get and check learning receipts.") { ReceiptGetCommand.Create(), verify };
    }

    private static Uri HttpUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new CliException(ExitCodes.Usage, $"{option} must be an absolute http(s) URL such as http://127.0.0.1:8545/, not '{text}'.");
}
