namespace Mining.Core.Learnings;

/// <summary>The upstream sanitizer that cleaned the learning, and how many redactions it made.</summary>
public sealed record SanitizerInfo(string Name, string Version, int RedactionCount);
