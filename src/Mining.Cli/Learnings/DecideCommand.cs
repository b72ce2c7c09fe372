using System.CommandLine;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary>
/// <c>mining approve ID</c> / <c>mining reject ID</c>: shows the exact bytes and their CID (checked here), asks, then
/// decides through the API bound to that CID (<c>?cid=</c>), so a decision never applies to other bytes than those shown.
/// </summary>
internal static class DecideCommand
{
    public static Command Create(bool approve)
    {
        var verb = approve ? "approve" : "reject";
        var id = new Argument<string>("ID") { Description = "The learning's id (lrn_…)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Decide without asking (scripts); the bytes and CID are still shown." };
        var description = approve
            ? "Approve publishing a learning: shows its exact bytes and CID and asks first. Publishing is permanent."
            : "Reject a learning: shows its exact bytes and CID and asks first; nothing is published.";
        return ServiceCommand.Create(verb, description, async (parseResult, api, json, cancellationToken) =>
        {
            var document = await PublicDocument.ReadAsync(api, parseResult.GetValue(id)!, cancellationToken);
            var status = LearningView.Status(document.Record);
            if (status != "AwaitingApproval")
            {
                throw new CliException(ExitCodes.Conflict, status == "LocalOnly"
                    ? $"Learning {document.Id} is LocalOnly: turn uploads on ('mining settings --uploads on --local-only off') and 'mining publish {document.Id}' first; then {verb} it."
                    : $"Learning {document.Id} is {status}, not waiting for a decision: nothing was decided.");
            }

            var screen = json ? Console.Error : Console.Out;
            document.Print(screen);
            screen.WriteLine(approve
                ? $"Approving publishes exactly these {document.Bytes.Length} bytes to IPFS under {document.Cid} and anchors the CID on chain. This cannot be undone."
                : "Rejecting publishes nothing; the decision cannot be changed.");
            if (!Confirmation.Ask($"{(approve ? "Approve and publish" : "Reject")} learning {document.Id}?", parseResult.GetValue(yes)))
            {
                return new CliOutcome(new { id = document.Id, cid = document.Cid, decided = false }, ExitCodes.Declined, $"Nothing was decided: {document.Id} still awaits your decision.");
            }

            var record = await api.SendJsonAsync(HttpMethod.Post, $"api/learnings/{MiningApi.Segment(document.Id)}/{verb}{MiningApi.Query(("cid", document.Cid))}", null, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(approve
                    ? $"Approved {document.Id} (CID {document.Cid}): publishing starts. Follow it with 'mining status {document.Id} --watch'."
                    : $"Rejected {document.Id}: nothing is published.");
            }

            return record;
        }, id, yes);
    }
}
