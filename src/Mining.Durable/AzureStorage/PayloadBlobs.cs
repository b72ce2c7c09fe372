using Azure;
using Azure.Storage.Blobs;
using Mining.Durable.Backend;

namespace Mining.Durable.AzureStorage;

/// <summary>Holds values too large for a queue message or a table property, named <c>{instanceId}/{purpose}-{guid}</c> so a purge removes them.</summary>
internal sealed class PayloadBlobs(BlobContainerClient container, StorageOperationCounter counter)
{
    public BlobContainerClient Container { get; } = container;

    public async Task<string> WriteAsync(string instanceId, string purpose, string text, CancellationToken cancellationToken)
    {
        var name = $"{instanceId}/{purpose}-{Guid.NewGuid():N}";
        counter.CountBlob();
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        return name;
    }

    public async Task<string> ReadAsync(string name, CancellationToken cancellationToken)
    {
        counter.CountBlob();
        var content = await Container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
        return content.Value.Content.ToString();
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        counter.CountBlob();
        await Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        counter.CountBlob();
        var names = new List<string>();
        await foreach (var item in Container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, instanceId + "/", cancellationToken))
        {
            names.Add(item.Name);
        }

        foreach (var name in names)
        {
            try
            {
                await DeleteAsync(name, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                continue;
            }
        }
    }
}
