namespace Mining.Core.Privacy.Rules;

/// <summary>A span of a text that a rule flags, and the form the text was decoded from (set by the scanner, not by rules).</summary>
internal readonly record struct RuleMatch(string RuleId, int Start, int Length, FindingForm Form = FindingForm.Plain)
{
    public int End => Start + Length;
}
