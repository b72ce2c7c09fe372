namespace Mining.Core.Privacy;

public enum ScanVerdict
{
    /// <summary>Nothing found; publish as is.</summary>
    Clean,

    /// <summary>Something found and the policy is <see cref="PrivacyPolicy.Block"/>: do not publish.</summary>
    Blocked,

    /// <summary>Something found and replaced; publish <see cref="ScanResult.Redacted"/> only after the contributor approves it.</summary>
    Redacted,
}
