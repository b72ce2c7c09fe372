using System.Buffers;
using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>API keys of AI vendors: OpenAI, Anthropic, Google AI, Hugging Face, Groq, Replicate, xAI, Perplexity, and <c>sk-</c> keys of OpenAI-compatible APIs.</summary>
internal sealed partial class AiVendorKeyRule : IPrivacyRule
{
    public const string Id = "ai-api-key";

    public IReadOnlyList<string> RuleIds { get; } = [Id];

    private static readonly SearchValues<string> Prefixes =
        SearchValues.Create(["sk-", "AIza", "hf_", "gsk_", "r8_", "xai-", "pplx-"], StringComparison.Ordinal);

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (var match in AnchoredRegex.Matches(text, Prefixes, Keys()))
        {
            if (!Placeholders.IsPlaceholder(match.ValueSpan))
            {
                matches.Add(new RuleMatch(Id, match.Index, match.Length));
            }
        }
    }

    [GeneratedRegex(
        "\\G(?<![A-Za-z0-9_-])(?:sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{32,}"
        + "|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z]{34}|gsk_[A-Za-z0-9]{52}|r8_[A-Za-z0-9]{37}|xai-[A-Za-z0-9]{80}|pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Keys();
}
