using System.Text;
using Mining.Functions.Learnings;
using static Mining.Functions.Pages.Html;

namespace Mining.Functions.Dashboard;

/// <summary>A learning's way to its reward as a row of stages: those passed, the current one, and the ones ahead.</summary>
internal static class StageTimeline
{
    private static readonly LearningStatus[] Path =
    [
        LearningStatus.AwaitingApproval, LearningStatus.Approved, LearningStatus.Pinning, LearningStatus.Verifying,
        LearningStatus.WaitingForBatch, LearningStatus.Anchoring, LearningStatus.Confirming, LearningStatus.Rewarded,
    ];

    public static string Render(LearningRecord learning)
    {
        var current = Array.IndexOf(Path, learning.Status);
        var ended = current < 0;
        var reached = ended ? Evidence(learning) : current;
        var html = new StringBuilder("<ol class=\"timeline\" aria-label=\"Stages\">");
        html.Append($"<li class=\"done\">Submitted {Time(learning.CreatedAt)}</li>");
        if (learning.Status == LearningStatus.LocalOnly)
        {
            return html.Append("<li class=\"current\" aria-current=\"step\">LocalOnly</li></ol>").ToString();
        }

        for (var i = 0; i < Path.Length; i++)
        {
            if (ended && i > reached)
            {
                break;
            }

            var isCurrent = !ended && i == current;
            var css = ended || i < current ? "done"
                : isCurrent ? (learning.Status == LearningStatus.Rewarded ? "done current" : "current")
                : "ahead";
            html.Append($"<li class=\"{css}\"{(isCurrent ? " aria-current=\"step\"" : string.Empty)}>{Label(Path[i])}</li>");
        }

        if (ended)
        {
            html.Append($"<li class=\"failed\" aria-current=\"step\">{E(learning.Status.ToString())}</li>");
        }

        return html.Append("</ol>").ToString();
    }

    private static string Label(LearningStatus status) => status switch
    {
        LearningStatus.AwaitingApproval => "Awaiting approval",
        LearningStatus.WaitingForBatch => "Waiting for batch",
        _ => status.ToString(),
    };

    /// <summary>The last stage a learning that ended off the path is known to have passed, from what its record holds.</summary>
    private static int Evidence(LearningRecord learning) =>
        learning.Anchor is not null ? Array.IndexOf(Path, LearningStatus.Anchoring)
        : learning.Gateways.Count > 0 ? Array.IndexOf(Path, LearningStatus.Verifying)
        : learning.Pins.Count > 0 ? Array.IndexOf(Path, LearningStatus.Pinning)
        : learning.Status is LearningStatus.Rejected or LearningStatus.Expired ? 0
        : Array.IndexOf(Path, LearningStatus.Approved);
}
