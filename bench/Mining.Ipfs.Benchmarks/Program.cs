using Mining.Ipfs.Benchmarks;

// Prints the figures of issue 5 as ratios against baselines measured in the same run:
//   CID throughput / SHA-256 throughput over the same bytes (single-block documents; a 100 MiB file),
//   peak memory growth over the idle baseline while importing 1 GiB streamed,
//   add + pin + two-gateway verification latency of a 50 KB document on the local nodes (p50/p95), against an `id` round trip.
// Options: --skip-nodes (no dev stack), --skip-gib (no 1 GiB import).
var skipNodes = args.Contains("--skip-nodes");
var skipGib = args.Contains("--skip-gib");

if (!skipGib)
{
    // First, while the process is idle: later steps allocate 100 MiB buffers that would inflate the baseline.
    await StreamingMemory.RunAsync();
}

CidThroughput.Run();

if (!skipNodes)
{
    await PublishLatency.RunAsync();
}
