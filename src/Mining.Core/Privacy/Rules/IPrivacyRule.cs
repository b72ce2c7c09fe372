namespace Mining.Core.Privacy.Rules;

/// <summary>One family of privacy rules (one file per family).</summary>
/// <remarks>Implementations are stateless and thread-safe; they add every span they flag and never throw on any input.</remarks>
internal interface IPrivacyRule
{
    /// <summary>The rule ids this family can report.</summary>
    IReadOnlyList<string> RuleIds { get; }

    void Find(string text, List<RuleMatch> matches);
}
