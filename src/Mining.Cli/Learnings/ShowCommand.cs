using System.CommandLine;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary><c>mining show ID [--raw]</c>: the exact bytes that are (or would be) published and their CID, checked here.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The learning's id (lrn_…)." };
        var raw = new Option<bool>("--raw") { Description = "Write only the bytes, unchanged (e.g. to a file to hash with 'ipfs add --cid-version 1 -n')." };
        return ServiceCommand.Create("show", "Show a learning's exact public bytes and their CID (computed here and compared with the service's).", async (parseResult, api, json, cancellationToken) =>
        {
            var document = await PublicDocument.ReadAsync(api, parseResult.GetValue(id)!, cancellationToken);
            if (parseResult.GetValue(raw) && !json)
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(document.Bytes, cancellationToken);
            }
            else if (!json)
            {
                document.Print(Console.Out);
            }

            return document.ToJson();
        }, id, raw);
    }
}
