namespace Mining.Ipfs.Kubo;

/// <summary>
/// A read-only, forward-only view of another stream whose disposal disposes only what it was given to own:
/// nothing (<see cref="Borrowing"/>: HttpClient reads a caller's stream without closing it, so a retry can rewind it)
/// or the response a body belongs to (<see cref="OwningResponse"/>).
/// </summary>
internal sealed class ReadOnlyStreamView(Stream inner, IDisposable? owned) : Stream
{
    public static ReadOnlyStreamView Borrowing(Stream inner) => new(inner, null);

    public static ReadOnlyStreamView OwningResponse(HttpResponseMessage response, Stream body) => new(body, new Owned(body, response));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            owned?.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Owned(Stream body, HttpResponseMessage response) : IDisposable
    {
        public void Dispose()
        {
            body.Dispose();
            response.Dispose();
        }
    }
}
