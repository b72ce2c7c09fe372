namespace Mining.Functions.Options;

/// <summary>Settings of the service itself (configuration root).</summary>
internal sealed class ServiceOptions : IValidatedOptions
{
    /// <summary>The address contributors reach the service at; approval links start with it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The Azure Storage connection string (Azurite locally).</summary>
    public string? AzureWebJobsStorage { get; set; }

    public IEnumerable<string> Validate()
    {
        if (!ValidatedOptionsExtensions.IsHttpUrl(PublicBaseUrl))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("PublicBaseUrl")} must be an absolute http(s) URL such as http://localhost:7071.";
        }

        if (string.IsNullOrWhiteSpace(AzureWebJobsStorage))
        {
            yield return $"{ValidatedOptionsExtensions.Setting("AzureWebJobsStorage")} must be an Azure Storage connection string, "
                + "e.g. UseDevelopmentStorage=true for Azurite on its default ports.";
        }
    }
}
