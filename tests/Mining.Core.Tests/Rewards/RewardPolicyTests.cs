using System.Numerics;
using CsCheck;
using Mining.Core.Rewards;
using Mining.Core.Validation;

namespace Mining.Core.Tests.Rewards;

public sealed class RewardPolicyTests
{
    private static readonly RewardOptions Options = new();
    private static readonly RewardPolicy Policy = new(Options);

    private static readonly Gen<double> Quality = Gen.Double[0, 100];
    private static readonly Gen<double> Confidence = Gen.Double[0, 1];
    private static readonly Gen<BigInteger> RewardedToday = Gen.Long[0, 200].Select(n => n * RewardOptions.OneToken / 2);

    private static RewardRequest Request(double quality, double confidence, BigInteger today, bool duplicate = false) =>
        new("bafkreiexample", quality, confidence, duplicate, today);

    [Fact]
    public void The_reward_never_decreases_when_quality_rises()
    {
        Gen.Select(Quality, Quality, Confidence, RewardedToday).Sample((q1, q2, c, today) =>
        {
            var (low, high) = q1 <= q2 ? (q1, q2) : (q2, q1);
            return Policy.Compute(Request(low, c, today)).Amount <= Policy.Compute(Request(high, c, today)).Amount;
        });
    }

    [Fact]
    public void The_reward_never_decreases_when_confidence_rises()
    {
        Gen.Select(Quality, Confidence, Confidence, RewardedToday).Sample((q, c1, c2, today) =>
        {
            var (low, high) = c1 <= c2 ? (c1, c2) : (c2, c1);
            return Policy.Compute(Request(q, low, today)).Amount <= Policy.Compute(Request(q, high, today)).Amount;
        });
    }

    [Fact]
    public void A_contributor_never_exceeds_the_daily_cap()
    {
        Gen.Select(Quality, Confidence, RewardedToday).Sample((q, c, today) =>
        {
            var decision = Policy.Compute(Request(q, c, today));
            return decision.Amount.Sign >= 0
                && (today >= Options.DailyCapPerContributor ? decision.Amount.IsZero : today + decision.Amount <= Options.DailyCapPerContributor);
        });
    }

    [Fact]
    public void A_day_of_submissions_adds_up_to_at_most_the_cap()
    {
        Gen.Select(Quality, Confidence).Array[1, 60].Sample(learnings =>
        {
            var total = BigInteger.Zero;
            foreach (var (q, c) in learnings)
            {
                total += Policy.Compute(Request(q, c, total)).Amount;
            }

            return total <= Options.DailyCapPerContributor;
        });
    }

    [Fact]
    public void A_duplicate_cid_earns_nothing()
    {
        Gen.Select(Quality, Confidence, RewardedToday).Sample((q, c, today) =>
        {
            var decision = Policy.Compute(Request(q, c, today, duplicate: true));
            return decision.Amount.IsZero && decision.Outcome == RewardOutcome.DuplicateCid;
        });
    }

    [Fact]
    public void The_same_request_always_gives_the_same_amount()
    {
        Gen.Select(Quality, Confidence, RewardedToday).Sample((q, c, today) =>
            Policy.Compute(Request(q, c, today)) == Policy.Compute(Request(q, c, today)));
    }

    [Fact]
    public void A_perfect_learning_earns_the_base_reward_and_a_middling_one_the_documented_share()
    {
        Assert.Equal(Options.BaseReward, Policy.Compute(Request(100, 1, BigInteger.Zero)).Amount);
        Assert.Equal(Options.BaseReward * 80 / 100 * 75 / 100, Policy.Compute(Request(80, 0.5, BigInteger.Zero)).Amount);
        Assert.Equal(RewardOutcome.BelowMinimumQuality, Policy.Compute(Request(19.99, 1, BigInteger.Zero)).Outcome);
    }

    [Fact]
    public void A_reward_that_crosses_the_cap_is_cut_to_what_remains()
    {
        var decision = Policy.Compute(Request(100, 1, Options.DailyCapPerContributor - RewardOptions.OneToken));

        Assert.Equal(RewardOutcome.Capped, decision.Outcome);
        Assert.Equal(RewardOptions.OneToken, decision.Amount);
        Assert.Equal(Options.BaseReward, decision.UncappedAmount);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new RewardPolicy(new RewardOptions { BaseReward = 0, ConfidenceFloor = 2 }));

        Assert.Contains("RewardOptions.BaseReward", error.Message, StringComparison.Ordinal);
        Assert.Contains("RewardOptions.ConfidenceFloor", error.Message, StringComparison.Ordinal);
    }
}
