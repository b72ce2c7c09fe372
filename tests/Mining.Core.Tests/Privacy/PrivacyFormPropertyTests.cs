using System.Text.RegularExpressions;
using CsCheck;
using Mining.Core.Privacy;
using Mining.Core.Privacy.Rules;

namespace Mining.Core.Tests.Privacy;

/// <summary>Random corpus samples in random wrappings (positives one or two deep, at most three decoding layers), among random lookalike text.</summary>
public sealed class PrivacyFormPropertyTests
{
    private static readonly PrivacyScanner Scanner = new(new PrivacyScannerOptions());

    private static readonly Gen<Wrapping> AnyWrapping = Gen.OneOf<Wrapping>([.. Wrapping.All]);

    private static readonly Gen<string> Lookalike = Gen.OneOf<string>([.. CorpusSample.Negatives.Select(s => s.Text)]);

    private static readonly Gen<(Wrapping Inner, Wrapping? Outer)> Wrappings = WrappingsWithin(3);

    /// <summary>One wrapping, or two when their layers fit in <paramref name="layers"/> (the scanner decodes three).</summary>
    private static Gen<(Wrapping Inner, Wrapping? Outer)> WrappingsWithin(int layers) =>
        Gen.Select(AnyWrapping, AnyWrapping, Gen.Bool, (inner, outer, twice) => (inner, twice && inner.Layers + outer.Layers <= layers ? outer : null));

    private static readonly IReadOnlyList<IReadOnlyList<string>> Families = [.. PrivacyRules.Create(new PrivacyScannerOptions()).Select(r => r.RuleIds)];

    /// <summary>Whether two rule ids belong to one family: a base64 value is one span, so its findings merge under one of the family's ids.</summary>
    private static bool SameFamily(string a, string b) => Families.Any(f => f.Contains(a) && f.Contains(b));

    private static string Wrap(string text, (Wrapping Inner, Wrapping? Outer) wrappings)
    {
        var once = wrappings.Inner.Wrap(text);
        return wrappings.Outer is null ? once : wrappings.Outer.Wrap(once);
    }

    [Fact]
    public void A_secret_found_in_plain_text_is_found_in_any_wrapping_one_or_two_deep_among_lookalikes()
    {
        // A sample that is itself split by an invisible character already wears one layer.
        Gen.OneOf<CorpusSample>([.. CorpusSample.Positives])
            .SelectMany(sample => WrappingsWithin(PrivacyFormTests.Expected(sample).Form == FindingForm.Plain ? 3 : 2).Select(w => (sample, w)))
            .Select(Lookalike, Lookalike)
            .Sample(
                (pair, before, after) =>
                {
                    var (rule, _) = PrivacyFormTests.Expected(pair.sample);
                    var text = $"{before}\n\n{Wrap(pair.sample.Text, pair.w)}\n\n{after}";
                    return Scanner.ScanText(text, "/body").Any(f => SameFamily(f.RuleId, rule));
                },
                iter: 400);
    }

    [Fact]
    public void A_lookalike_next_to_another_that_is_clean_in_plain_text_stays_clean_in_any_wrapping()
    {
        // Two lookalikes side by side can make a finding on their own ("seeds" before wordlist words): only new findings count.
        // One wrapping deep: two deep, a rare false positive remains (docs/privacy-controls.md, what the scanner does not see through).
        Gen.Select(Lookalike, AnyWrapping, Lookalike).Sample(
            (lookalike, wrapping, other) =>
                Scanner.ScanText($"{other}\n{lookalike}", "/body").Count > 0
                || Scanner.ScanText($"{other}\n{wrapping.Wrap(lookalike)}", "/body").Count == 0,
            iter: 1000);
    }

    [Fact]
    public void A_regex_tried_only_at_its_prefixes_finds_what_the_regex_finds_over_the_whole_text()
    {
        var prefixes = System.Buffers.SearchValues.Create(["ab", "b", "ca"], StringComparison.Ordinal);
        var anchored = new Regex(@"\G(?<![a])(?:ab+c?|b{2,}|ca[ab]*)", RegexOptions.CultureInvariant);
        var anywhere = new Regex(@"(?<![a])(?:ab+c?|b{2,}|ca[ab]*)", RegexOptions.CultureInvariant);

        Gen.String[Gen.Char["abc "], 0, 60].Sample(text =>
            AnchoredRegex.Matches(text, prefixes, anchored).Select(m => (m.Index, m.Length))
                .SequenceEqual(anywhere.Matches(text).Select(m => (m.Index, m.Length))));
    }
}
