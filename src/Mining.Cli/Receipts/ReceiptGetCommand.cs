using System.CommandLine;
using Mining.Cli.Service;

namespace Mining.Cli.Receipts;

/// <summary><c>mining receipt get ID [--out FILE]</c>: the rewarded learning's portable receipt, byte for byte as the service gives it.</summary>
internal static class ReceiptGetCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "A rewarded learning's id (lrn_…)." };
        var output = new Option<string?>("--out") { Description = "Write the receipt to this file (never overwritten) instead of standard output.", HelpName = "FILE" };
        return ServiceCommand.Create("get", "Get a rewarded learning's receipt, to check later with 'mining receipt verify' without the service.", async (parseResult, api, json, cancellationToken) =>
        {
            var learning = parseResult.GetValue(id)!;
            var receipt = (await api.SendAsync(HttpMethod.Get, $"api/learnings/{MiningApi.Segment(learning)}/receipt", cancellationToken)).EnsureSuccess();
            if (parseResult.GetValue(output) is { } file)
            {
                var path = Path.GetFullPath(file);
                Wallet.KeystoreFiles.CreateNew(path, System.Text.Encoding.UTF8.GetString(receipt.Body));
                if (!json)
                {
                    Console.Out.WriteLine($"Wrote the receipt of {learning} to {path}; check it with 'mining receipt verify {path} --rpc URL --gateway URL --gateway URL'.");
                }

                return new { id = learning, @out = path };
            }

            if (!json)
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(receipt.Body, cancellationToken);
                Console.Out.WriteLine();
            }

            return receipt.Json;
        }, id, output);
    }
}
