using Azure;
using Azure.Storage.Blobs.Models;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Storage;

/// <summary>
/// Public documents and batch manifests as blobs named by their CID. Blobs are content-addressed, so a write is
/// idempotent: the same CID always names the same bytes, and an existing blob is never overwritten. For the same
/// reason the publishing steps may take a document this process stored or read in the last ten minutes from memory
/// (<see cref="ReadRecentDocumentAsync"/>; documents up to 8 KiB, at most 4,096 of them); they still check its bytes
/// against its CID. The approval page and the availability monitor's re-pinning read the blob.
/// </summary>
internal sealed class DocumentStore(AppStorage storage, TimeProvider time)
{
    private const int RememberedBytes = 8 * 1024;
    private readonly Remembered<byte[]> _documents = new(time, TimeSpan.FromMinutes(10), 4096);

    public async Task SaveDocumentAsync(Cid cid, byte[] bytes, CancellationToken cancellationToken)
    {
        await SaveAsync(AppStorage.DocumentsContainer, cid.ToString(), bytes, cancellationToken);
        Remember(cid, bytes);
    }

    /// <summary>The stored document's bytes, read from the blob, or null when none is stored under <paramref name="cid"/>.</summary>
    public async Task<byte[]?> ReadDocumentAsync(Cid cid, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(AppStorage.DocumentsContainer, cid.ToString(), cancellationToken);
        if (bytes is not null)
        {
            Remember(cid, bytes);
        }

        return bytes;
    }

    /// <summary>The document's bytes (a copy) as this process stored or read them in the last ten minutes, else read from the blob.</summary>
    public async Task<byte[]?> ReadRecentDocumentAsync(Cid cid, CancellationToken cancellationToken) =>
        _documents.Get(cid.ToString()) is { } remembered ? [.. remembered] : await ReadDocumentAsync(cid, cancellationToken);

    public Task SaveManifestAsync(string name, byte[] bytes, CancellationToken cancellationToken) =>
        SaveAsync(AppStorage.ManifestsContainer, name, bytes, cancellationToken);

    public Task<byte[]?> ReadManifestAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync(AppStorage.ManifestsContainer, name, cancellationToken);

    private void Remember(Cid cid, byte[] bytes)
    {
        if (bytes.Length <= RememberedBytes)
        {
            _documents.Set(cid.ToString(), [.. bytes]);
        }
    }

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
