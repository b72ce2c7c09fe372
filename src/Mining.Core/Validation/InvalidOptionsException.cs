namespace Mining.Core.Validation;

/// <summary>An options object of Mining.Core holds settings that cannot work; the message names each one.</summary>
public sealed class InvalidOptionsException : Exception
{
    public InvalidOptionsException()
    {
    }

    public InvalidOptionsException(string message)
        : base(message)
    {
    }

    public InvalidOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static void ThrowIfAny(string optionsName, IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOptionsException($"{optionsName} is invalid: {string.Join(" ", errors)}");
        }
    }
}
