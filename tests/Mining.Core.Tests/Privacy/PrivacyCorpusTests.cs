using System.Globalization;
using Mining.Core.Privacy;
using Xunit.Abstractions;

namespace Mining.Core.Tests.Privacy;

public sealed class PrivacyCorpusTests(ITestOutputHelper output)
{
    private static readonly PrivacyScanner Scanner = new(new PrivacyScannerOptions());

    private static readonly string[] IssueCategories =
    [
        "pem-private-key", "ethereum", "bip39", "aws", "azure", "entra-functions", "git-tokens", "ai-keys", "chat", "jwt-bearer",
        "url-credentials", "generic", "email", "phone", "user-paths", "network",
    ];

    [Fact]
    public void The_corpus_covers_every_category_with_at_least_150_positives_and_150_negatives()
    {
        Assert.Equal(IssueCategories.Order(StringComparer.Ordinal), CorpusSample.Positives.Select(s => s.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.True(CorpusSample.Positives.Count >= 150, $"{CorpusSample.Positives.Count} positives");
        Assert.True(CorpusSample.Negatives.Count >= 150, $"{CorpusSample.Negatives.Count} negatives");
        Assert.All(CorpusSample.Positives, s => Assert.Contains(s.Rule!, PrivacyRules.All));
    }

    [Fact]
    public void Recall_on_the_positive_corpus_is_100_percent_with_the_expected_rule()
    {
        var misses = CorpusSample.Positives
            .Where(s => !Scanner.ScanText(s.Text, "/body").Any(f => f.RuleId == s.Rule))
            .Select(s => $"{s.Category} (expected {s.Rule}; got {string.Join(",", Scanner.ScanText(s.Text, "/body").Select(f => f.RuleId + " " + f.Excerpt))})")
            .ToList();

        var recall = 1.0 - ((double)misses.Count / CorpusSample.Positives.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Recall: {recall:P2} ({CorpusSample.Positives.Count - misses.Count}/{CorpusSample.Positives.Count} positives flagged by the expected rule)"));
        foreach (var group in CorpusSample.Positives.GroupBy(s => s.Category))
        {
            output.WriteLine($"  {group.Key}: {group.Count()} samples");
        }

        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public void False_positives_on_the_negative_corpus_stay_at_or_below_1_percent()
    {
        var flagged = CorpusSample.Negatives
            .Select(s => (Sample: s, Findings: Scanner.ScanText(s.Text, "/body")))
            .Where(r => r.Findings.Count > 0)
            .ToList();

        var rate = (double)flagged.Count / CorpusSample.Negatives.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"False-positive rate: {rate:P2} ({flagged.Count}/{CorpusSample.Negatives.Count} negatives flagged)"));
        foreach (var (sample, findings) in flagged)
        {
            output.WriteLine($"  {sample.Category}: {string.Join(", ", findings.Select(f => f.RuleId + " " + f.Excerpt))}");
        }

        Assert.True(rate <= 0.01, $"False-positive rate {rate:P2}: {string.Join(" | ", flagged.Select(f => f.Sample.Category + ": " + string.Join(",", f.Findings.Select(x => x.RuleId + " " + x.Excerpt))))}");
    }

    [Fact]
    public void Every_rule_family_is_found_in_every_form_of_the_wrapped_corpus()
    {
        var forms = new Dictionary<string, FindingForm>
        {
            ["escaped"] = FindingForm.Escaped,
            ["embedded-json"] = FindingForm.Escaped | FindingForm.EmbeddedJson,
            ["base64"] = FindingForm.Base64,
            ["percent-encoded"] = FindingForm.PercentEncoded,
            ["concatenated"] = FindingForm.Concatenated,
        };
        var families = PrivacyRules.Create(new PrivacyScannerOptions()).Select(r => r.RuleIds).ToList();
        var misses = CorpusSample.Wrapped
            .Where(s => !Scanner.ScanText(s.Text, "/body").Any(f =>
                families.Any(ids => ids.Contains(f.RuleId) && ids.Contains(s.Rule!)) && (f.Form == FindingForm.Plain || (f.Form & forms[s.Category]) != 0)))
            .Select(s => $"{s.Category} (expected {s.Rule}; got {string.Join(",", Scanner.ScanText(s.Text, "/body").Select(f => $"{f.RuleId} {f.Form}"))})")
            .ToList();

        output.WriteLine($"Wrapped recall: {CorpusSample.Wrapped.Count - misses.Count}/{CorpusSample.Wrapped.Count}");
        Assert.Equal(forms.Keys.Order(StringComparer.Ordinal), CorpusSample.Wrapped.Select(s => s.Category).Distinct().Order(StringComparer.Ordinal));
        Assert.All(CorpusSample.Wrapped.GroupBy(s => s.Category), form => Assert.Equal(IssueCategories.Length, form.Count()));
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Fact]
    public void No_excerpt_ever_contains_the_secret_it_reports()
    {
        foreach (var sample in CorpusSample.Positives)
        {
            foreach (var finding in Scanner.ScanText(sample.Text, "/body"))
            {
                var secret = sample.Text.Substring(finding.Start, finding.Length);
                Assert.DoesNotContain(secret, finding.Excerpt, StringComparison.Ordinal);
                Assert.Contains($"[REDACTED:{finding.RuleId}]", finding.Excerpt, StringComparison.Ordinal);
            }
        }
    }
}
