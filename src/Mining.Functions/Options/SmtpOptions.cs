namespace Mining.Functions.Options;

/// <summary>Where approval and alert emails are sent (section <c>Smtp</c>; maildev locally).</summary>
internal sealed class SmtpOptions : IValidatedOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "Mining.Functions <no-reply@mining.local>";

    /// <summary>Require STARTTLS (true for a real mail server; maildev locally speaks plain SMTP).</summary>
    public bool UseTls { get; set; }

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Smtp:Host")} must name the SMTP server, e.g. 127.0.0.1.";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Smtp:Port")} must be a TCP port between 1 and 65535, e.g. 1025.";
        }

        if (!From.Contains('@', StringComparison.Ordinal))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("Smtp:From")} must be a mailbox such as \"Mining <no-reply@example.org>\".";
        }
    }
}
