namespace Mining.Durable.Backend;

/// <summary>Counts storage calls by kind, so the benchmark can report operations per activity call.</summary>
public sealed class StorageOperationCounter
{
    private long _table;
    private long _queue;
    private long _blob;
    private long _emptyReceives;

    public long Table => Interlocked.Read(ref _table);

    public long Queue => Interlocked.Read(ref _queue);

    public long Blob => Interlocked.Read(ref _blob);

    public long Total => Table + Queue + Blob;

    /// <summary>Queue receives that returned nothing (idle polling), included in <see cref="Queue"/>.</summary>
    public long EmptyReceives => Interlocked.Read(ref _emptyReceives);

    internal void CountEmptyReceive() => Interlocked.Increment(ref _emptyReceives);

    internal void CountTable() => Interlocked.Increment(ref _table);

    internal void CountQueue() => Interlocked.Increment(ref _queue);

    internal void CountBlob() => Interlocked.Increment(ref _blob);

    public void Reset()
    {
        Interlocked.Exchange(ref _table, 0);
        Interlocked.Exchange(ref _queue, 0);
        Interlocked.Exchange(ref _blob, 0);
        Interlocked.Exchange(ref _emptyReceives, 0);
    }
}
