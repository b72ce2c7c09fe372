namespace Mining.Durable.Tests.Execution;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_by_the_backoff_coefficient_and_stop_at_the_max_interval()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromSeconds(1), 3.0, maxRetryInterval: TimeSpan.FromSeconds(20));

        Assert.Equal([1, 3, 9, 20, 20], Enumerable.Range(1, 5).Select(n => policy.DelayAfter(n).TotalSeconds));
    }

    [Fact]
    public void A_policy_without_attempts_or_with_a_shrinking_backoff_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromSeconds(1), 0.5));
    }
}
