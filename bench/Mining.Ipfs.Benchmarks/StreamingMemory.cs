using System.Diagnostics;
using Mining.Ipfs.UnixFs;

namespace Mining.Ipfs.Benchmarks;

/// <summary>Peak memory growth over the process's idle baseline while importing 1 GiB from a stream (target: at most 64 MB).</summary>
internal static class StreamingMemory
{
    private const long Size = 1L << 30;

    public static async Task RunAsync()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline, peakManaged = baselineManaged;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(20, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var watch = Stopwatch.StartNew();
        await using var source = new GeneratedStream(Size);
        var result = await UnixFsImporter.ImportAsync(source, UnixFsImportOptions.KuboCidV1);
        watch.Stop();
        await sampling.CancelAsync();
        await sampler;

        Console.WriteLine("Memory while importing 1 GiB streamed (CIDv1 profile; target growth <= 64 MB)");
        Console.WriteLine($"  root {result.Root}, {result.BlockCount} blocks, {Size / watch.Elapsed.TotalSeconds / 1e6:F0} MB/s");
        Console.WriteLine($"  working set: idle {baseline / 1e6:F1} MB, peak {peak / 1e6:F1} MB, growth {(peak - baseline) / 1e6:F1} MB");
        Console.WriteLine($"  managed heap: idle {baselineManaged / 1e6:F1} MB, peak {peakManaged / 1e6:F1} MB, growth {(peakManaged - baselineManaged) / 1e6:F1} MB");
    }

    /// <summary>Deterministic pseudo-random bytes produced on demand: the content never exists in memory whole.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;
        private ulong _state = 0x9E3779B97F4A7C15;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i + 8 <= count; i += 8)
            {
                _state ^= _state << 13;
                _state ^= _state >> 7;
                _state ^= _state << 17;
                BitConverter.TryWriteBytes(buffer[i..], _state);
            }

            for (var i = count & ~7; i < count; i++)
            {
                buffer[i] = (byte)i;
            }

            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
