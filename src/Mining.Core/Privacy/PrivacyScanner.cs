using System.Text;
using System.Text.Json;
using Mining.Core.Learnings;
using Mining.Core.Privacy.Decoding;
using Mining.Core.Privacy.Rules;
using Mining.Core.Validation;

namespace Mining.Core.Privacy;

/// <summary>Finds secrets and personal data in a learning before anything is published. Fails closed.</summary>
/// <remarks>
/// Run <see cref="Scan(LearningInput)"/> at submission and <see cref="ScanDocument"/> on the exact bytes before
/// they are pinned. Findings carry a rule id, a JSON Pointer and a redacted excerpt; the secret itself never
/// appears in a finding, an excerpt, a change or an exception. Every rule also reads each field in the forms a secret
/// commonly wears (<see cref="FindingForm"/>: string escapes, concatenated literals, embedded JSON, base64, percent-encoding,
/// invisible characters, up to <see cref="TextViews.MaxDepth"/> layers deep); a secret found in a decoded form is reported
/// once, at the field's path and at the span of the field's text that encodes it, with the form it was found in. Thread-safe.
/// </remarks>
public sealed class PrivacyScanner
{
    private readonly PrivacyScannerOptions _options;
    private readonly IReadOnlyList<IPrivacyRule> _rules;

    /// <exception cref="InvalidOptionsException">The options cannot work; the message names the setting.</exception>
    public PrivacyScanner(PrivacyScannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InvalidOptionsException.ThrowIfAny(nameof(PrivacyScannerOptions), options.Validate());
        _options = options;
        _rules = PrivacyRules.Create(options);
    }

    /// <summary>Scans every text field of a submission and applies the deployment's policy.</summary>
    /// <remarks>The reward address and session digest are not scanned: the validator already restricts them to an address and a digest.</remarks>
    public ScanResult Scan(LearningInput learning)
    {
        ArgumentNullException.ThrowIfNull(learning);
        var findings = new List<PrivacyFinding>();
        var title = ScanField(learning.Title, "/title", findings);
        var summary = ScanField(learning.Summary, "/summary", findings);
        var body = ScanField(learning.Body, "/body", findings);
        var category = ScanField(learning.Category, "/category", findings);
        var tags = learning.Tags.Select((t, i) => ScanField(t, $"/tags/{i}", findings)).ToList();
        var languages = learning.Languages.Select((l, i) => ScanField(l, $"/languages/{i}", findings)).ToList();
        var tool = ScanField(learning.Source.Tool, "/source/tool", findings);
        var sanitizerName = ScanField(learning.Sanitizer.Name, "/sanitizer/name", findings);
        var sanitizerVersion = ScanField(learning.Sanitizer.Version, "/sanitizer/version", findings);

        if (findings.Count == 0)
        {
            return new ScanResult([], ScanVerdict.Clean, null, []);
        }

        if (_options.Policy == PrivacyPolicy.Block)
        {
            return new ScanResult(findings, ScanVerdict.Blocked, null, []);
        }

        var redacted = learning with
        {
            Title = title,
            Summary = summary,
            Body = body,
            Category = category,
            Tags = tags,
            Languages = languages,
            Source = learning.Source with { Tool = tool },
            Sanitizer = learning.Sanitizer with { Name = sanitizerName, Version = sanitizerVersion },
        };
        var changes = findings.Select(f => new RedactionChange(f, Marker(f.RuleId))).ToList();
        return new ScanResult(findings, ScanVerdict.Redacted, redacted, changes);
    }

    /// <summary>Scans every string (member names included) of exact JSON bytes, e.g. a prepared document before pinning.</summary>
    /// <remarks>Always blocks: bytes that are about to be pinned are never altered. Bytes that are not JSON are scanned as text.</remarks>
    public ScanResult ScanDocument(ReadOnlySpan<byte> utf8Json)
    {
        var findings = new List<PrivacyFinding>();
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            ScanElement(document.RootElement, string.Empty, findings);
        }
        catch (JsonException)
        {
            ScanField(Encoding.UTF8.GetString(utf8Json), string.Empty, findings);
        }

        return new ScanResult(findings, findings.Count == 0 ? ScanVerdict.Clean : ScanVerdict.Blocked, null, []);
    }

    /// <summary>Scans one text as if it were the field at <paramref name="path"/>.</summary>
    public IReadOnlyList<PrivacyFinding> ScanText(string text, string path)
    {
        var findings = new List<PrivacyFinding>();
        ScanField(text, path, findings);
        return findings;
    }

    private void ScanElement(JsonElement element, string path, List<PrivacyFinding> findings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = JsonPointer.Append(path, property.Name);
                    ScanField(property.Name, child, findings);
                    ScanElement(property.Value, child, findings);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ScanElement(item, JsonPointer.Append(path, index++), findings);
                }

                break;
            case JsonValueKind.String:
                ScanField(element.GetString()!, path, findings);
                break;
            default:
                break;
        }
    }

    /// <summary>Adds the field's findings and returns the field with each finding replaced by its marker.</summary>
    private string ScanField(string text, string path, List<PrivacyFinding> findings)
    {
        var raw = new List<RuleMatch>();
        TextViews.ForEach(text, (Rules: _rules, Matches: raw), static (view, readThrough, state) => FindIn(view, readThrough, state.Rules, state.Matches));
        if (raw.Count == 0)
        {
            return text;
        }

        var merged = Merge(raw);
        var redacted = new StringBuilder(text.Length);
        var markerPositions = new List<(int Start, int End)>(merged.Count);
        var position = 0;
        foreach (var match in merged)
        {
            redacted.Append(text, position, match.Start - position);
            var marker = Marker(match.RuleId);
            markerPositions.Add((redacted.Length, redacted.Length + marker.Length));
            redacted.Append(marker);
            position = match.End;
        }

        redacted.Append(text, position, text.Length - position);
        var redactedText = redacted.ToString();
        for (var i = 0; i < merged.Count; i++)
        {
            findings.Add(new PrivacyFinding(merged[i].RuleId, path, merged[i].Start, merged[i].Length, Excerpt(redactedText, markerPositions[i]), merged[i].Form));
        }

        return redactedText;
    }

    /// <summary>
    /// Runs every rule on one view and adds its matches as spans of the field's own text, marked with the view's form. A
    /// match that a decoded view claims (it begins or ends on <c>\u003C</c> read as letters, a quote that a join removes,
    /// the digits of <c>%20</c>) is left to that view.
    /// </summary>
    private static void FindIn(TextView view, ReadThrough readThrough, IReadOnlyList<IPrivacyRule> rules, List<RuleMatch> raw)
    {
        if (view.Depth == 0 && readThrough.IsEmpty)
        {
            foreach (var rule in rules)
            {
                rule.Find(view.Text, raw);
            }

            return;
        }

        var found = new List<RuleMatch>();
        foreach (var rule in rules)
        {
            rule.Find(view.Text, found);
        }

        foreach (var match in found)
        {
            if (match.Length == 0 || readThrough.Claims(match.Start, match.End))
            {
                continue;
            }

            var start = view.RawStart(match.Start);
            var end = view.RawEnd(match.End - 1);
            if (end > start)
            {
                raw.Add(new RuleMatch(match.RuleId, start, end - start, view.Form));
            }
        }
    }

    /// <summary>
    /// Sorts by start and unions overlapping spans; the merged finding is named after the most specific (earliest) rule,
    /// and keeps the simplest form that rule found it in.
    /// </summary>
    private List<RuleMatch> Merge(List<RuleMatch> raw)
    {
        var priority = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _rules.Count; i++)
        {
            foreach (var id in _rules[i].RuleIds)
            {
                priority[id] = i;
            }
        }

        // Stable: among equal spans of one family, the match found first (in the field's text before its decoded views) names the finding.
        var sorted = raw.OrderBy(m => m.Start).ThenByDescending(m => m.Length).ThenBy(m => priority[m.RuleId]).ThenBy(m => m.Form);
        var merged = new List<RuleMatch>();
        foreach (var match in sorted)
        {
            if (merged.Count > 0 && match.Start < merged[^1].End)
            {
                var last = merged[^1];
                var named = priority[match.RuleId] < priority[last.RuleId]
                    || (match.RuleId == last.RuleId && match.Form < last.Form) ? match : last;
                merged[^1] = new RuleMatch(named.RuleId, last.Start, Math.Max(last.End, match.End) - last.Start, named.Form);
            }
            else
            {
                merged.Add(match);
            }
        }

        return merged;
    }

    private string Excerpt(string redactedText, (int Start, int End) marker)
    {
        var start = Math.Max(0, marker.Start - _options.ExcerptContext);
        var end = Math.Min(redactedText.Length, marker.End + _options.ExcerptContext);
        var excerpt = new StringBuilder(end - start + 2);
        if (start > 0)
        {
            excerpt.Append('…');
        }

        foreach (var c in redactedText.AsSpan(start, end - start))
        {
            excerpt.Append(char.IsControl(c) ? ' ' : c);
        }

        if (end < redactedText.Length)
        {
            excerpt.Append('…');
        }

        return excerpt.ToString();
    }

    private static string Marker(string ruleId) => $"[REDACTED:{ruleId}]";
}
