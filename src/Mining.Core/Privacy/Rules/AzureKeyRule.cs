using System.Text.RegularExpressions;

namespace Mining.Core.Privacy.Rules;

/// <summary>Azure storage account keys, connection-string secrets (storage, Service Bus, Event Hubs…) and SAS tokens.</summary>
/// <remarks>
/// The Azurite development key and <c>UseDevelopmentStorage=true</c> pass; so do sha512 integrity strings, and 88
/// base64 characters that decode to text (a storage key is 64 random bytes; text is base64-encoded configuration, read
/// through by the scanner's base64 view).
/// </remarks>
internal sealed partial class AzureKeyRule : IPrivacyRule
{
    public const string StorageKeyId = "azure-storage-key";
    public const string ConnectionStringId = "azure-connection-string";
    public const string SasTokenId = "azure-sas-token";

    private static readonly System.Buffers.SearchValues<char> PaddingChar = System.Buffers.SearchValues.Create("=");

    public IReadOnlyList<string> RuleIds { get; } = [StorageKeyId, ConnectionStringId, SasTokenId];

    public void Find(string text, List<RuleMatch> matches)
    {
        foreach (Match match in ConnectionSecret().Matches(text))
        {
            var value = match.Groups["value"];
            if (!PublicValues.IsPublic(value.ValueSpan) && !Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(ConnectionStringId, value.Index, value.Length));
            }
        }

        var padding = text.IndexOf("==", StringComparison.Ordinal);
        while (padding >= 0)
        {
            var start = TokenRuns.RunStartBefore(text, padding, TokenRuns.Base64, 87);
            if (padding - start == 86 && !TokenRuns.IsAt(text, padding + 2, TokenRuns.Base64) && !TokenRuns.IsAt(text, padding + 2, PaddingChar))
            {
                var value = text.AsSpan(start, 88);
                var before = text.AsSpan(Math.Max(0, start - 7), Math.Min(7, start));
                if (!PublicValues.IsPublic(value) && !before.EndsWith("sha512-", StringComparison.OrdinalIgnoreCase) && !Placeholders.IsPlaceholder(value)
                    && !Decoding.Base64Decoder.DecodesToText(value))
                {
                    matches.Add(new RuleMatch(StorageKeyId, start, 88));
                }
            }

            var next = text.AsSpan(padding + 2).IndexOf("==", StringComparison.Ordinal);
            padding = next < 0 ? -1 : padding + 2 + next;
        }

        foreach (Match match in SasSignature().Matches(text))
        {
            var value = match.Groups["value"];
            if (!Placeholders.IsPlaceholder(value.ValueSpan))
            {
                matches.Add(new RuleMatch(SasTokenId, value.Index, value.Length));
            }
        }
    }

    [GeneratedRegex(@"(?:AccountKey|SharedAccessKey|SharedAccessSignature|SharedSecretValue)\s*=\s*(?<value>[^;""'\s]{16,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionSecret();

    [GeneratedRegex(@"sv=\d{4}-\d{2}-\d{2}[^\s""'<>]{0,400}?[?&]sig=(?<value>[A-Za-z0-9%/+]{20,}(?:%3D|=){0,2})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();
}
