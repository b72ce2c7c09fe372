namespace Mining.Core.Privacy;

/// <summary>What a deployment does with a learning the scanner flags.</summary>
public enum PrivacyPolicy
{
    /// <summary>Refuse the learning; the contributor sees the findings and fixes the source. The default.</summary>
    Block,

    /// <summary>Replace each finding with <c>[REDACTED:rule]</c> and show the contributor what changed.</summary>
    Redact,
}
