using Azure;
using Azure.Storage.Blobs.Models;

namespace Mining.Functions.Storage;

/// <summary>
/// Public documents and batch manifests as blobs named by their CID. Blobs are content-addressed, so a write is
/// idempotent: the same CID always names the same bytes, and an existing blob is never overwritten.
/// </summary>
internal sealed class DocumentStore(AppStorage storage)
{
    public Task SaveDocumentAsync(string cid, byte[] bytes, CancellationToken cancellationToken) =>
        SaveAsync(AppStorage.DocumentsContainer, cid, bytes, cancellationToken);

    public Task<byte[]?> ReadDocumentAsync(string cid, CancellationToken cancellationToken) =>
        ReadAsync(AppStorage.DocumentsContainer, cid, cancellationToken);

    public Task SaveManifestAsync(string name, byte[] bytes, CancellationToken cancellationToken) =>
        SaveAsync(AppStorage.ManifestsContainer, name, bytes, cancellationToken);

    public Task<byte[]?> ReadManifestAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(AppStorage.ManifestsContainer, name, cancellationToken);

    private async Task SaveAsync(string container, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        var blob = storage.Container(container).GetBlobClient(name);
        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(bytes),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                },
                cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already there: the name is the content's CID, so the stored bytes are the same.
        }
    }

    private async Task<byte[]?> ReadAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await storage.Container(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
