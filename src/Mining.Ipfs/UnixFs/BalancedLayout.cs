using System.Buffers;
using System.Security.Cryptography;
using Mining.Ipfs.Dag;
using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.UnixFs;

/// <summary>
/// Kubo's balanced layout built while streaming: leaves are grouped <c>maxLinks</c> at a time into parents, parents into
/// grandparents, and so on; only one partial group per level is held, so memory is O(maxLinks × depth).
/// </summary>
internal sealed class BalancedLayout(UnixFsImportOptions options, Func<Block, CancellationToken, ValueTask>? onBlock)
{
    private readonly List<List<UnixFsLink>> _levels = [];

    public long BlockCount { get; private set; }

    public async ValueTask AddLeafAsync(UnixFsLink leaf, CancellationToken cancellationToken)
    {
        BlockCount++;
        await AddAsync(0, leaf, cancellationToken);
    }

    /// <summary>Closes every partial group and returns the root.</summary>
    public async ValueTask<UnixFsLink> CompleteAsync(CancellationToken cancellationToken)
    {
        for (var level = 0; ; level++)
        {
            var group = _levels[level];
            var higherLevelsEmpty = true;
            for (var above = level + 1; above < _levels.Count; above++)
            {
                higherLevelsEmpty &= _levels[above].Count == 0;
            }

            if (higherLevelsEmpty && group.Count == 1)
            {
                return group[0];
            }

            if (group.Count > 0)
            {
                var parent = await BuildNodeAsync(group, cancellationToken);
                group.Clear();
                await AddAsync(level + 1, parent, cancellationToken);
            }
        }
    }

    private async ValueTask AddAsync(int level, UnixFsLink link, CancellationToken cancellationToken)
    {
        while (_levels.Count <= level)
        {
            _levels.Add(new List<UnixFsLink>(options.MaxLinksPerNode));
        }

        var group = _levels[level];
        group.Add(link);
        if (group.Count == options.MaxLinksPerNode)
        {
            var parent = await BuildNodeAsync(group, cancellationToken);
            group.Clear();
            await AddAsync(level + 1, parent, cancellationToken);
        }
    }

    private async ValueTask<UnixFsLink> BuildNodeAsync(List<UnixFsLink> children, CancellationToken cancellationToken)
    {
        ulong fileSize = 0, childDagSize = 0;
        var blockSizes = new ulong[children.Count];
        var length = 0;
        for (var i = 0; i < children.Count; i++)
        {
            fileSize += children[i].FileSize;
            childDagSize += children[i].DagSize;
            blockSizes[i] = children[i].FileSize;
            var body = DagPb.LinkBodyLength(children[i].Cid, children[i].DagSize);
            length += 1 + Varint.Length((ulong)body) + body;
        }

        var dataLength = UnixFsData.NodeLength(fileSize, blockSizes);
        length += DagPb.DataPrefixLength(dataLength) + dataLength;
        var buffer = onBlock is null ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
        try
        {
            var written = 0;
            foreach (var child in children)
            {
                written += DagPb.WriteLink(buffer.AsSpan(written), child.Cid, child.DagSize);
            }

            written += DagPb.WriteDataPrefix(buffer.AsSpan(written), dataLength);
            UnixFsData.WriteNode(buffer.AsSpan(written), fileSize, blockSizes);
            var hash = Multihash.FromSha256Digest(SHA256.HashData(buffer.AsSpan(0, length)));
            var cid = options.CidVersion == 0 ? Cid.V0(hash) : Cid.V1(Multicodec.DagPb, hash);
            BlockCount++;
            if (onBlock is not null)
            {
                await onBlock(new Block(cid, buffer), cancellationToken);
            }

            return new UnixFsLink(cid, (ulong)length + childDagSize, fileSize);
        }
        finally
        {
            if (onBlock is null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
