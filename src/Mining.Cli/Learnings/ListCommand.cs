using System.CommandLine;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary><c>mining list [--status S]</c>: every learning of yours, one line each, newest first as the service lists them.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = "Only learnings in this stage (AwaitingApproval, Rewarded, DeadLettered, …).", HelpName = "STATUS" };
        return ServiceCommand.Create("list", "List your learnings with their stage, CID and title.", async (parseResult, api, json, cancellationToken) =>
        {
            var items = await LearningPages.AllAsync(api, parseResult.GetValue(status), cancellationToken);
            if (!json)
            {
                foreach (var item in items)
                {
                    Console.Out.WriteLine($"{LearningView.Id(item)}  {LearningView.Status(item),-16}  {LearningView.Cid(item)}  {LearningView.Text(item, "title")}");
                }

                Console.Out.WriteLine($"{items.Count} learning(s)");
            }

            return new { items };
        }, status);
    }
}
