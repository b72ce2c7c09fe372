using Mining.Core.Privacy;
using Xunit.Abstractions;

namespace Mining.Core.Tests.Privacy;

/// <summary>Every corpus secret is found in every wrapping, and every lookalike stays clean in every wrapping.</summary>
public sealed class PrivacyFormTests(ITestOutputHelper output)
{
    private static readonly PrivacyScanner Scanner = new(new PrivacyScannerOptions());

    public static TheoryData<string> WrappingNames => [.. Wrapping.All.Select(w => w.Name)];

    private static Wrapping Named(string name) => Wrapping.All.Single(w => w.Name == name);

    [Theory]
    [MemberData(nameof(WrappingNames))]
    public void Every_positive_is_found_in_the_wrapping_with_its_rule_and_form(string name)
    {
        var wrapping = Named(name);
        var misses = new List<string>();
        foreach (var sample in CorpusSample.Positives)
        {
            var wrapped = wrapping.Wrap(sample.Text);
            var findings = Scanner.ScanText(wrapped, "/body");
            var (expected, plainForm) = Expected(sample);
            if (!findings.Any(f => f.RuleId == expected && f.Path == "/body" && (f.Form == plainForm || (f.Form & wrapping.Form) != 0)))
            {
                misses.Add($"{sample.Category} (expected {expected}; got {string.Join(", ", findings.Select(f => $"{f.RuleId} {f.Form}"))}): {wrapped}");
            }
        }

        output.WriteLine($"{CorpusSample.Positives.Count - misses.Count}/{CorpusSample.Positives.Count} positives found in {name}");
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Theory]
    [MemberData(nameof(WrappingNames))]
    public void Every_negative_stays_clean_in_the_wrapping(string name)
    {
        var wrapping = Named(name);
        var flagged = CorpusSample.Negatives
            .Select(s => (Sample: s, Findings: Scanner.ScanText(wrapping.Wrap(s.Text), "/body")))
            .Where(r => r.Findings.Count > 0)
            .Select(r => $"{r.Sample.Category}: {string.Join(", ", r.Findings.Select(f => $"{f.RuleId} {f.Form} {f.Excerpt}"))}")
            .ToList();

        Assert.True(flagged.Count == 0, string.Join("\n", flagged));
    }

    /// <summary>
    /// The rule the plain text is flagged with (the sample's rule, or the earlier rule that names the merged finding when both
    /// find one span), and the form it is found in there (a sample may itself be split by a zero-width space).
    /// </summary>
    internal static (string Rule, FindingForm Form) Expected(CorpusSample sample)
    {
        var plain = Scanner.ScanText(sample.Text, "/body");
        var finding = plain.FirstOrDefault(f => f.RuleId == sample.Rule) ?? plain[0];
        return (finding.RuleId, finding.Form);
    }
}
