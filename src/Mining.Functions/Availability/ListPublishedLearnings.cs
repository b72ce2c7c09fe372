using Microsoft.DurableTask;
using Mining.Functions.Learnings;

namespace Mining.Functions.Availability;

/// <summary>One page of the published learnings (<see cref="LearningStore.Published"/>) across all contributors; read-only.</summary>
internal sealed class ListPublishedLearnings(LearningStore learnings) : TaskActivity<PublishedPageRequest, PublishedPage>
{
    public override async Task<PublishedPage> RunAsync(TaskActivityContext context, PublishedPageRequest input)
    {
        var (items, continuation) = await learnings.ListPublishedAsync(input.Continuation, input.PageSize, CancellationToken.None);
        return new PublishedPage([.. items.Select(i => new LearningRef(i.Id, i.ContributorId, i.Cid))], continuation);
    }
}
