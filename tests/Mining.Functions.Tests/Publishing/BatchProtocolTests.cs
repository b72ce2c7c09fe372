using Mining.Functions.Batches;
using Mining.Functions.Publishing;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// Anchoring sits below Publishing, so AnchorBatch names the stages and the event it shares with PublishLearning through
/// <see cref="BatchProtocol"/>; they must be PublishLearning's own, or a confirmed batch would never wake its learnings.
/// </summary>
public sealed class BatchProtocolTests
{
    [Fact]
    public void The_batch_uses_the_stage_and_event_names_of_PublishLearning()
    {
        Assert.Equal(PublishLearning.ConfirmedEvent, BatchProtocol.ConfirmedEvent);
        Assert.Equal(PublishStages.Anchoring, BatchProtocol.AnchoringStage);
        Assert.Equal(PublishStages.Rewarding, BatchProtocol.RewardingStage);
    }
}
