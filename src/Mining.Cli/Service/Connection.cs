namespace Mining.Cli.Service;

/// <summary>Where the service is and the API key sent to it; <see cref="ToString"/> never shows the key.</summary>
internal sealed record Connection(Uri Url, string ApiKey)
{
    public override string ToString() => Url.ToString();
}
