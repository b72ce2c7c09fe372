using System.Buffers;
using System.Security.Cryptography;
using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.UnixFs;

/// <summary>Turns bytes into a UnixFS file DAG and its CID, the way Kubo's <c>ipfs add</c> does.</summary>
/// <remarks>
/// Guarantees: for the same bytes and options the root CID equals Kubo's (fixed-size chunker, balanced layout, dag-pb
/// encoding as go-unixfs writes it); content is read once, in chunks, so memory stays O(chunk size + links × depth)
/// for any length; no block is retained unless the <c>onBlock</c> callback keeps it.
/// </remarks>
public static class UnixFsImporter
{
    private const int SmallBlock = 64 * 1024;

    /// <summary>Imports <paramref name="content"/> to its end.</summary>
    /// <param name="content">Read sequentially; not disposed.</param>
    /// <param name="options">Profile; <see cref="UnixFsImportOptions.KuboCidV1"/> for documents.</param>
    /// <param name="onBlock">Receives every block, leaves first and the root last; it may keep them (each has its own buffer).</param>
    /// <param name="cancellationToken">Stops reading; no result is produced.</param>
    public static Task<UnixFsImportResult> ImportAsync(
        Stream content,
        UnixFsImportOptions options,
        Func<Block, CancellationToken, ValueTask>? onBlock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ImportChunksAsync(StreamChunks(content, options.ChunkSize, cancellationToken), options, onBlock, cancellationToken);
    }

    /// <summary>Imports content held in memory, hashing it in place (no copy); blocks go to <paramref name="onBlock"/>.</summary>
    public static Task<UnixFsImportResult> ImportAsync(
        ReadOnlyMemory<byte> content,
        UnixFsImportOptions options,
        Func<Block, CancellationToken, ValueTask>? onBlock = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ImportChunksAsync(MemoryChunks(content, options.ChunkSize).ToAsyncEnumerable(), options, onBlock, cancellationToken);
    }

    /// <summary>The CID of <paramref name="content"/> held in memory, without producing blocks.</summary>
    public static Cid ComputeCid(ReadOnlySpan<byte> content, UnixFsImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (content.Length <= options.ChunkSize)
        {
            return LeafLink(content, options).Cid;
        }

        // Completes synchronously: the chunks come from memory and there is no block callback to await.
        return ImportAsync(content.ToArray(), options).GetAwaiter().GetResult().Root;
    }

    /// <summary>Builds the DAG from chunks of exactly the chunk size (the last may be shorter; empty content is one empty chunk).</summary>
    private static async Task<UnixFsImportResult> ImportChunksAsync(
        IAsyncEnumerable<ReadOnlyMemory<byte>> chunks,
        UnixFsImportOptions options,
        Func<Block, CancellationToken, ValueTask>? onBlock,
        CancellationToken cancellationToken)
    {
        var layout = new BalancedLayout(options, onBlock);
        long fileSize = 0;
        UnixFsLink? first = null;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            fileSize += chunk.Length;
            var leaf = await LeafAsync(chunk, options, onBlock, cancellationToken);
            first ??= leaf;
            await layout.AddLeafAsync(leaf, cancellationToken);
        }

        var root = layout.BlockCount == 1 ? first!.Value : await layout.CompleteAsync(cancellationToken);
        return new UnixFsImportResult(root.Cid, fileSize, root.DagSize, layout.BlockCount);
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamChunks(
        Stream content, int chunkSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            var any = false;
            while (true)
            {
                var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, chunkSize), chunkSize, throwOnEndOfStream: false, cancellationToken);
                if (read == 0 && any)
                {
                    yield break;
                }

                any = true;
                yield return buffer.AsMemory(0, read);
                if (read < chunkSize)
                {
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> MemoryChunks(ReadOnlyMemory<byte> content, int chunkSize)
    {
        var offset = 0;
        do
        {
            var length = Math.Min(chunkSize, content.Length - offset);
            yield return content.Slice(offset, length);
            offset += length;
        }
        while (offset < content.Length);
    }

    private static async ValueTask<UnixFsLink> LeafAsync(
        ReadOnlyMemory<byte> chunk,
        UnixFsImportOptions options,
        Func<Block, CancellationToken, ValueTask>? onBlock,
        CancellationToken cancellationToken)
    {
        if (onBlock is null)
        {
            return LeafLink(chunk.Span, options);
        }

        var bytes = options.RawLeaves ? chunk.ToArray() : EncodeLeaf(chunk.Span);
        var hash = Multihash.FromSha256Digest(SHA256.HashData(bytes));
        var link = new UnixFsLink(LeafCid(hash, options), (ulong)bytes.Length, (ulong)chunk.Length);
        await onBlock(new Block(link.Cid, bytes), cancellationToken);
        return link;
    }

    private static UnixFsLink LeafLink(ReadOnlySpan<byte> chunk, UnixFsImportOptions options)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        int blockLength;
        if (options.RawLeaves)
        {
            SHA256.HashData(chunk, digest);
            blockLength = chunk.Length;
        }
        else
        {
            Span<byte> prefix = stackalloc byte[32];
            Span<byte> suffix = stackalloc byte[16];
            var dataLength = UnixFsData.LeafLength(chunk.Length);
            var prefixLength = DagPb.WriteDataPrefix(prefix, dataLength);
            prefixLength += UnixFsData.WriteLeafPrefix(prefix[prefixLength..], chunk.Length);
            var suffixLength = UnixFsData.WriteLeafSuffix(suffix, chunk.Length);
            blockLength = prefixLength + chunk.Length + suffixLength;
            if (blockLength <= SmallBlock)
            {
                // One-shot hashing of a pooled copy beats an IncrementalHash instance for small documents.
                var block = ArrayPool<byte>.Shared.Rent(blockLength);
                prefix[..prefixLength].CopyTo(block);
                chunk.CopyTo(block.AsSpan(prefixLength));
                suffix[..suffixLength].CopyTo(block.AsSpan(prefixLength + chunk.Length));
                SHA256.HashData(block.AsSpan(0, blockLength), digest);
                ArrayPool<byte>.Shared.Return(block);
            }
            else
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                sha.AppendData(prefix[..prefixLength]);
                sha.AppendData(chunk);
                sha.AppendData(suffix[..suffixLength]);
                sha.GetHashAndReset(digest);
            }
        }

        return new UnixFsLink(LeafCid(Multihash.FromSha256Digest(digest), options), (ulong)blockLength, (ulong)chunk.Length);
    }

    private static byte[] EncodeLeaf(ReadOnlySpan<byte> chunk)
    {
        var dataLength = UnixFsData.LeafLength(chunk.Length);
        var bytes = new byte[DagPb.DataPrefixLength(dataLength) + dataLength];
        var i = DagPb.WriteDataPrefix(bytes, dataLength);
        i += UnixFsData.WriteLeafPrefix(bytes.AsSpan(i), chunk.Length);
        chunk.CopyTo(bytes.AsSpan(i));
        UnixFsData.WriteLeafSuffix(bytes.AsSpan(i + chunk.Length), chunk.Length);
        return bytes;
    }

    private static Cid LeafCid(Multihash hash, UnixFsImportOptions options) =>
        options.RawLeaves ? Cid.V1(Multicodec.Raw, hash)
        : options.CidVersion == 0 ? Cid.V0(hash)
        : Cid.V1(Multicodec.DagPb, hash);
}
