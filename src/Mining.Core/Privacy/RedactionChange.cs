namespace Mining.Core.Privacy;

/// <summary>What redaction changed in one field: the finding, and the text that replaced it.</summary>
public sealed record RedactionChange(PrivacyFinding Finding, string Replacement);
