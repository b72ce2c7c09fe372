namespace Mining.Core.Privacy.Rules;

/// <summary>A span of a text that a rule flags.</summary>
internal readonly record struct RuleMatch(string RuleId, int Start, int Length)
{
    public int End => Start + Length;
}
