namespace Mining.Functions.DeadLetters;

/// <summary>The check before publishing refused the document; retrying cannot change that.</summary>
public sealed class PublishRefusedException(string message) : Exception(message);
