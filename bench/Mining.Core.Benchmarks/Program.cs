using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mining.Core.Benchmarks;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Validation;

// Preparation + privacy scan of a 50 KB learning (issue 6). Prints p50/p99 latency, MB/s and allocations per document,
// next to a same-run baseline (UTF-8 validation and copy of the same bytes), so the figures read as ratios on any machine.
const int TargetBytes = 50 * 1024;
const double ScanTargetMegabytesPerSecond = 50;
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;

var submission = BuildSubmission(TargetBytes);
var validation = new ValidationOptions();
var learning = LearningValidator.Validate(submission, validation).Learning
    ?? throw new InvalidOperationException("The benchmark learning is not valid.");
var preparer = new ContentPreparer(new RawBlockCidCalculator());
var context = new PreparationContext("bench", DateTimeOffset.UnixEpoch);
var scanner = new PrivacyScanner(new PrivacyScannerOptions());
var prepared = preparer.Prepare(learning, context);
if (!scanner.Scan(learning).IsClean || !scanner.ScanDocument(prepared.Bytes).IsClean)
{
    throw new InvalidOperationException("The benchmark learning must be clean so the scan does its full work without stopping early.");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mining.Core benchmark: learning of {submission.Length:N0} bytes (body {learning.Body.Length:N0} chars), public document {prepared.Length:N0} bytes, {runs} runs, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}"));
Console.WriteLine();

var results = new List<Measurement>
{
    Measurement.Run("baseline: UTF-8 validate + copy", submission.Length, 50, runs, () => _ = System.Text.Unicode.Utf8.IsValid(submission) ? submission.ToArray() : null),
    Measurement.Run("baseline: UTF-8 decode to string", submission.Length, 50, runs, () => _ = Encoding.UTF8.GetString(submission)),
    Measurement.Run("validate", submission.Length, 50, runs, () => LearningValidator.Validate(submission, validation)),
    Measurement.Run("scan (submission fields)", submission.Length, 50, runs, () => scanner.Scan(learning)),
    Measurement.Run("prepare (JCS + CID)", submission.Length, 50, runs, () => preparer.Prepare(learning, context)),
    Measurement.Run("rescan (exact public bytes)", prepared.Length, 50, runs, () => scanner.ScanDocument(prepared.Bytes)),
    Measurement.Run("prepare + scan", submission.Length, 50, runs, () =>
    {
        scanner.Scan(learning);
        preparer.Prepare(learning, context);
    }),
    Measurement.Run("validate + scan + prepare + rescan", submission.Length, 50, runs, () =>
    {
        var valid = LearningValidator.Validate(submission, validation).Learning!;
        scanner.Scan(valid);
        scanner.ScanDocument(preparer.Prepare(valid, context).Bytes);
    }),
};

foreach (var result in results)
{
    Console.WriteLine(result.Format());
}

Console.WriteLine();
Console.WriteLine("scan by rule family (body only):");
foreach (var rule in PrivacyRules.Create(new PrivacyScannerOptions()))
{
    var matches = new List<Mining.Core.Privacy.Rules.RuleMatch>();
    var measurement = Measurement.Run("  " + rule.GetType().Name, learning.Body.Length, 20, Math.Max(20, runs / 4), () =>
    {
        matches.Clear();
        rule.Find(learning.Body, matches);
    });
    Console.WriteLine(measurement.Format());
}

var baseline = results[0];
var scan = results[3];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan throughput: {scan.MegabytesPerSecond:F1} MB/s (target >= {ScanTargetMegabytesPerSecond} MB/s, i.e. <= 1 ms per 50 KB): {(scan.MegabytesPerSecond >= ScanTargetMegabytesPerSecond ? "MET" : "NOT MET")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan / baseline (UTF-8 validate + copy) latency ratio at p50: {scan.P50Ms / baseline.P50Ms:F1}x"));

static byte[] BuildSubmission(int targetBytes)
{
    var sample = JsonNode.Parse(File.ReadAllText(FindSample()))!.AsObject();
    var section = sample["body"]!.GetValue<string>();
    var body = new StringBuilder();
    var part = 1;
    while (body.Length < targetBytes - 2_000)
    {
        body.Append(CultureInfo.InvariantCulture, $"\n\n## Part {part++}\n\n").Append(section);
    }

    sample["body"] = body.ToString();
    return Encoding.UTF8.GetBytes(sample.ToJsonString());
}

static string FindSample()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "docs", "samples", "efcore-n-plus-one.json");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("docs/samples/efcore-n-plus-one.json not found above the benchmark's directory.");
}
