namespace Mining.Core.Learnings;

/// <summary>Where a learning came from: the tool, a digest of the session (never the session itself), and when.</summary>
public sealed record LearningSource(string Tool, string SessionDigest, DateTimeOffset CreatedAt);
