using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mining.Core.Learnings;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Privacy.Decoding;
using Mining.Core.Privacy.Rules;
using Mining.Core.Validation;

namespace Mining.Core.Tests.Privacy;

/// <summary>The cases of issue 22: secrets as they sit in .env files, pasted JSON, Kubernetes manifests and code.</summary>
public sealed class PrivacyEncodedSecretTests
{
    private static readonly PrivacyScanner Blocking = new(new PrivacyScannerOptions());
    private static readonly PrivacyScanner Redacting = new(new PrivacyScannerOptions { Policy = PrivacyPolicy.Redact });

    private static readonly string PemBody = string.Join("\n", Enumerable.Range(0, 6).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))));

    private static string Token() => "ghp_" + string.Concat(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36));

    private static string ServiceAccountJson() => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["type"] = "service_account",
        ["project_id"] = "orders-prod",
        ["private_key"] = $"-----BEGIN PRIVATE KEY-----\n{PemBody}\n-----END PRIVATE KEY-----\n",
        ["client_email"] = "deployer@orders-prod.iam.gserviceaccount.com",
    });

    private static LearningInput Learning(string body) =>
        LearningValidator.Validate(Samples.Read("github-actions-cache-key.json"), new ValidationOptions()).Learning! with { Body = body };

    [Fact]
    public void A_private_key_in_a_dotenv_value_with_backslash_n_escapes_is_blocked_as_escaped()
    {
        var line = $"PRIVATE_KEY=\"-----BEGIN RSA PRIVATE KEY-----\\n{PemBody.Replace("\n", "\\n", StringComparison.Ordinal)}\\n-----END RSA PRIVATE KEY-----\"";

        var result = Blocking.Scan(Learning($"Deploy notes:\n{line}\n"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(ScanVerdict.Blocked, result.Verdict);
        Assert.Equal((PemPrivateKeyRule.Id, "/body", FindingForm.Escaped), (finding.RuleId, finding.Path, finding.Form));
        Assert.DoesNotContain("BEGIN RSA PRIVATE KEY", finding.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pasted_service_account_json_has_both_its_private_key_and_its_email_found()
    {
        var findings = Blocking.ScanText($"The CI used this key file:\n\n```json\n{ServiceAccountJson()}\n```\n", "/body");

        Assert.Contains(findings, f => f.RuleId == PemPrivateKeyRule.Id && f.Form != FindingForm.Plain);
        Assert.Contains(findings, f => f.RuleId == EmailRule.Id);
    }

    [Fact]
    public void Redacting_an_escaped_private_key_leaves_a_document_whose_rescan_is_clean()
    {
        var learning = Learning($"Key file:\n{ServiceAccountJson()}\n");

        var result = Redacting.Scan(learning);
        var prepared = ContentPreparer.Prepare(result.Redacted!, new PreparationContext("1.0.0", DateTimeOffset.UnixEpoch));

        Assert.Equal(ScanVerdict.Redacted, result.Verdict);
        Assert.Contains("[REDACTED:pem-private-key]", result.Redacted!.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(PemBody[..20], result.Redacted.Body, StringComparison.Ordinal);
        Assert.True(Blocking.ScanDocument(prepared.Bytes).IsClean);
    }

    [Fact]
    public void A_token_in_a_kubernetes_secret_is_found_in_its_base64_value_and_redacted_whole()
    {
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes($"GITHUB_TOKEN={Token()}\n"));
        var text = $"apiVersion: v1\nkind: Secret\ndata:\n  env: {value}\n";

        var finding = Assert.Single(Redacting.ScanText(text, "/body"));

        Assert.Equal((GitTokenRule.GitHubId, FindingForm.Base64), (finding.RuleId, finding.Form));
        Assert.Equal(value, text.Substring(finding.Start, finding.Length));
    }

    [Fact]
    public void A_token_in_a_basic_auth_header_and_an_email_in_a_data_uri_are_found()
    {
        var header = $"Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{Token()}"))}";
        var uri = $"<a href=\"data:text/plain;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes("Contact maria.lopez@gmail.com for access"))}\">notes</a>";

        Assert.Contains(Blocking.ScanText(header, "/body"), f => f.RuleId == GitTokenRule.GitHubId && f.Form == FindingForm.Base64);
        var email = Assert.Single(Blocking.ScanText(uri, "/body"));
        Assert.Equal((EmailRule.Id, FindingForm.Base64), (email.RuleId, email.Form));
    }

    [Fact]
    public void A_percent_encoded_password_and_email_in_urls_are_found()
    {
        var findings = Blocking.ScanText(
            "mongodb+srv://orders:Xk9%40pL2%23vQ7%21mZ4@cluster0.ab1cd.mongodb.net/app\nhttps://app.example.com/invite?to=maria.lopez%40gmail.com", "/body");

        Assert.Contains(findings, f => f.RuleId == CredentialUrlRule.UrlCredentialsId);
        Assert.Contains(findings, f => f.RuleId == EmailRule.Id && f.Form == FindingForm.PercentEncoded);
    }

    [Fact]
    public void A_token_split_over_concatenated_literals_is_found_and_its_span_covers_every_part()
    {
        var token = Token();
        var text = $"var token = \"{token[..15]}\" +\n    \"{token[15..30]}\" + \"{token[30..]}\";";

        var finding = Assert.Single(Blocking.ScanText(text, "/body"));

        Assert.Equal((GitTokenRule.GitHubId, FindingForm.Concatenated), (finding.RuleId, finding.Form));
        Assert.Equal(text.IndexOf(token[..15], StringComparison.Ordinal), finding.Start);
        Assert.Equal(text.IndexOf(token[30..], StringComparison.Ordinal) + token[30..].Length, finding.Start + finding.Length);
    }

    [Fact]
    public void A_secret_in_a_name_value_pair_of_embedded_json_is_found_as_an_assignment()
    {
        var text = "\"containerDefinitions\": [{\"environment\": [{\"name\": \"DB_PASSWORD\", \"value\": \"Tq7#vX2pL9mK4wZs\"}]}]";

        var finding = Assert.Single(Blocking.ScanText("{" + text + "}", "/body"));

        Assert.Equal((GenericSecretRule.Id, FindingForm.EmbeddedJson), (finding.RuleId, finding.Form));
    }

    [Fact]
    public void The_same_secret_seen_plain_and_through_a_decoded_view_is_reported_once()
    {
        var token = Token();

        var finding = Assert.Single(Blocking.ScanText($"{{\"token\": \"{token}\", \"note\": \"rotate\\nweekly\"}}", "/body"));

        Assert.Equal((GitTokenRule.GitHubId, FindingForm.Plain), (finding.RuleId, finding.Form));
    }

    [Fact]
    public void A_secret_wrapped_in_more_than_three_layers_is_not_decoded()
    {
        var text = $"GITHUB_TOKEN={Token()}";
        for (var i = 0; i < TextViews.MaxDepth + 1; i++)
        {
            text = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        Assert.Empty(Blocking.ScanText(text, "/body"));
        Assert.NotEmpty(Blocking.ScanText(Encoding.UTF8.GetString(Convert.FromBase64String(text)), "/body"));
    }

    [Theory]
    [InlineData("\\\\")]
    [InlineData("{\"a\":")]
    [InlineData("\"x\" + ")]
    [InlineData("%41")]
    [InlineData("QUFBQUFBQUFBQUFBQUFBQUFB ")]
    public void Decoding_a_hostile_text_stays_within_its_budget(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 20_000 / unit.Length));
        long decoded = 0;

        TextViews.ForEach(text, 0, (view, _, _) => decoded += view.Depth > 0 ? view.Text.Length : 0);

        Assert.True(decoded <= ((long)text.Length * TextViews.BudgetFactor) + TextViews.BudgetSlack, $"{decoded} characters decoded from {text.Length}");
    }
}
