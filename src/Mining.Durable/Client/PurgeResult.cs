namespace Mining.Durable;

public sealed record PurgeResult(int PurgedInstanceCount);
