using Microsoft.Extensions.Time.Testing;
using Mining.Core.Learnings;

namespace Mining.Core.Tests.Learnings;

public sealed class LearningIdTests
{
    [Fact]
    public void Ids_made_later_sort_after_ids_made_earlier()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 6, 0, 0, TimeSpan.Zero));
        var first = LearningId.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = LearningId.New(clock);

        Assert.True(string.CompareOrdinal(first.Value, second.Value) < 0);
        Assert.Matches("^[0-9a-f]{32}$", first.Value);
    }

    [Fact]
    public void An_id_parses_back_and_garbage_is_refused()
    {
        var id = LearningId.New(TimeProvider.System);

        Assert.Equal(id, LearningId.Parse(id.ToString()));
        Assert.Throws<FormatException>(() => LearningId.Parse("../../etc/passwd"));
    }
}
