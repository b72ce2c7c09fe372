using System.Security.Cryptography;
using System.Text;
using Mining.Core.Learnings;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Privacy.Rules;
using Mining.Core.Validation;

namespace Mining.Core.Tests.Privacy;

public sealed class PrivacyScannerTests
{
    private static readonly PrivacyScanner Blocking = new(new PrivacyScannerOptions());
    private static readonly PrivacyScanner Redacting = new(new PrivacyScannerOptions { Policy = PrivacyPolicy.Redact });

    private static LearningInput Sample(string name = "github-actions-cache-key.json") =>
        LearningValidator.Validate(Samples.Read(name), new ValidationOptions()).Learning!;

    private static string Mnemonic(int words, bool validChecksum)
    {
        var entropy = RandomNumberGenerator.GetBytes(words * 11 * 32 / 33 / 8);
        var checksumBits = entropy.Length * 8 / 32;
        var checksum = SHA256.HashData(entropy)[0] >> (8 - checksumBits);
        if (!validChecksum)
        {
            checksum ^= 1;
        }

        var bits = new System.Numerics.BigInteger(entropy, isUnsigned: true, isBigEndian: true);
        bits = (bits << checksumBits) | checksum;
        return string.Join(' ', Enumerable.Range(0, words).Select(i => Bip39Wordlist.Words[(int)((bits >> (11 * (words - 1 - i))) & 2047)]));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_sample_learning_and_its_prepared_document_are_clean(string name)
    {
        var input = Sample(name);
        var prepared = ContentPreparer.Prepare(input, new PreparationContext("1.0.0", DateTimeOffset.UnixEpoch));

        Assert.Empty(Blocking.Scan(input).Findings);
        Assert.Equal(ScanVerdict.Clean, Blocking.ScanDocument(prepared.Bytes).Verdict);
    }

    public static TheoryData<string> SampleNames => Samples.Names;

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(18)]
    [InlineData(21)]
    [InlineData(24)]
    public void A_mnemonic_with_a_valid_checksum_is_blocked(int words)
    {
        var findings = Blocking.ScanText($"Note to self: {Mnemonic(words, validChecksum: true)} (do not lose)", "/body");

        Assert.Equal(Bip39MnemonicRule.Id, Assert.Single(findings).RuleId);
    }

    [Fact]
    public void Wordlist_words_with_a_wrong_checksum_and_no_seed_context_pass()
    {
        Assert.Empty(Blocking.ScanText(Mnemonic(12, validChecksum: false), "/body"));
    }

    [Fact]
    public void Wordlist_words_after_seed_phrase_are_blocked_even_with_a_wrong_checksum()
    {
        var findings = Blocking.ScanText("seed phrase: " + Mnemonic(12, validChecksum: false), "/body");

        Assert.Equal(Bip39MnemonicRule.Id, Assert.Single(findings).RuleId);
    }

    [Fact]
    public void A_64_hex_string_is_a_key_only_in_a_key_context()
    {
        var hex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

        Assert.Empty(Blocking.ScanText($"tx hash 0x{hex} confirmed", "/body"));
        Assert.Equal(EthereumKeyRule.PrivateKeyId, Assert.Single(Blocking.ScanText($"PRIVATE_KEY=0x{hex}", "/body")).RuleId);
    }

    [Fact]
    public void A_finding_carries_the_rule_pointer_and_a_redacted_excerpt_but_never_the_secret()
    {
        var token = "ghp_" + string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36));
        var learning = Sample() with { Body = Sample().Body + $"\nexport GITHUB_TOKEN={token}\n" };

        var result = Blocking.Scan(learning);

        Assert.Equal(ScanVerdict.Blocked, result.Verdict);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(GitTokenRule.GitHubId, finding.RuleId);
        Assert.Equal("/body", finding.Path);
        Assert.Contains("GITHUB_TOKEN=[REDACTED:github-token]", finding.Excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(token, finding.Excerpt, StringComparison.Ordinal);
        Assert.Null(result.Redacted);
    }

    [Fact]
    public void The_redact_policy_replaces_each_finding_and_lists_what_changed()
    {
        var learning = Sample() with
        {
            Title = "Deploy notes for dmitri@startup.io",
            Body = Sample().Body + "\nThe runner at 10.12.4.31 used /home/mschmidt/.ssh/id_ed25519.\n",
        };

        var result = Redacting.Scan(learning);

        Assert.Equal(ScanVerdict.Redacted, result.Verdict);
        Assert.Equal("Deploy notes for [REDACTED:email-address]", result.Redacted!.Title);
        Assert.EndsWith("The runner at [REDACTED:private-ip] used [REDACTED:user-path]/.ssh/id_ed25519.\n", result.Redacted.Body, StringComparison.Ordinal);
        Assert.Equal(["/title", "/body", "/body"], result.Changes.Select(c => c.Finding.Path));
        Assert.Equal(["[REDACTED:email-address]", "[REDACTED:private-ip]", "[REDACTED:user-path]"], result.Changes.Select(c => c.Replacement));
        Assert.Empty(Blocking.Scan(result.Redacted).Findings);
    }

    [Fact]
    public void The_rescan_of_exact_bytes_finds_what_the_preparation_would_publish()
    {
        var learning = Sample() with { Summary = "Ask maria@gmail.com for the runbook." };
        var prepared = ContentPreparer.Prepare(learning, new PreparationContext("1.0.0", DateTimeOffset.UnixEpoch));

        var result = Blocking.ScanDocument(prepared.Bytes);

        Assert.Equal(ScanVerdict.Blocked, result.Verdict);
        Assert.Equal("/content/summary", Assert.Single(result.Findings).Path);
    }

    [Fact]
    public void A_token_that_happens_to_contain_a_placeholder_word_is_still_a_secret()
    {
        Assert.Equal(GitTokenRule.GitHubId, Assert.Single(Blocking.ScanText("GITHUB_TOKEN=ghp_Q7hereYourK2mZp9Lw4RtXv8Nc3Bd6Fg1Hj5", "/body")).RuleId);
        Assert.Empty(Blocking.ScanText("GITHUB_TOKEN=ghp_your_token_here", "/body"));
    }

    [Fact]
    public void A_secret_split_by_a_zero_width_space_is_found_and_redacted_whole()
    {
        const string Text = "export AWS_ACCESS_KEY_ID=AKIA2OGY\u200bL7QXRK3VTM4P";

        var finding = Assert.Single(Redacting.ScanText(Text, "/body"));

        Assert.Equal(AwsKeyRule.AccessKeyId, finding.RuleId);
        Assert.Equal(Text.Length - finding.Start, finding.Length);
    }

    [Fact]
    public void Bytes_that_are_not_json_are_still_scanned_as_text()
    {
        var result = Blocking.ScanDocument(Encoding.UTF8.GetBytes("not json but AKIAQWERTYUIOPASDFGH inside"));

        Assert.Equal(AwsKeyRule.AccessKeyId, Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => new PrivacyScanner(new PrivacyScannerOptions { GenericSecretMinEntropy = 0, ExcerptContext = -1 }));

        Assert.Contains("PrivacyScannerOptions.GenericSecretMinEntropy", error.Message, StringComparison.Ordinal);
        Assert.Contains("PrivacyScannerOptions.ExcerptContext", error.Message, StringComparison.Ordinal);
    }
}
