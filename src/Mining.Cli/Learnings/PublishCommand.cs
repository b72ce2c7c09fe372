using System.CommandLine;
using Mining.Cli.Service;

namespace Mining.Cli.Learnings;

/// <summary><c>mining publish ID</c>: asks for approval of a LocalOnly learning once uploads are on (nothing is published before the approval).</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "A LocalOnly learning's id (lrn_…)." };
        return ServiceCommand.Create("publish", "Ask for approval of a LocalOnly learning once uploads are on; it then awaits 'mining approve'.", async (parseResult, api, json, cancellationToken) =>
        {
            var record = await api.SendJsonAsync(HttpMethod.Post, $"api/learnings/{MiningApi.Segment(parseResult.GetValue(id)!)}/publish", null, cancellationToken);
            if (!json)
            {
                Console.Out.WriteLine(LearningView.Line(record));
            }

            return record;
        }, id);
    }
}
