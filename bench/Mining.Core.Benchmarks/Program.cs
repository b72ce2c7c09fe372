using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mining.Core.Benchmarks;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Validation;

// Preparation + privacy scan of a 50 KB learning (issue 6), and the scan of a 50 KB learning full of escaped, embedded,
// base64, percent-encoded and concatenated text next to it (issue 22). Prints p50/p99 latency, MB/s and allocations per
// document, next to a same-run baseline (UTF-8 validation and copy of the same bytes), so the figures read as ratios on
// any machine. The machine may be shared: each scan figure is the best of several alternating rounds.
const int TargetBytes = 50 * 1024;
const double ScanTargetMegabytesPerSecond = 50;
const int Rounds = 5;
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;

var submission = BuildSubmission(TargetBytes, body: null);
var validation = new ValidationOptions();
var learning = LearningValidator.Validate(submission, validation).Learning
    ?? throw new InvalidOperationException("The benchmark learning is not valid.");
var encodedSubmission = BuildSubmission(TargetBytes, EncodedInput.Body(TargetBytes - 2_000));
var encodedLearning = LearningValidator.Validate(encodedSubmission, validation).Learning
    ?? throw new InvalidOperationException("The encoded benchmark learning is not valid.");
var context = new PreparationContext("bench", DateTimeOffset.UnixEpoch);
var scanner = new PrivacyScanner(new PrivacyScannerOptions());
var prepared = ContentPreparer.Prepare(learning, context);
var encodedPrepared = ContentPreparer.Prepare(encodedLearning, context);
foreach (var (name, result) in new[]
{
    ("plain learning", scanner.Scan(learning)), ("plain public document", scanner.ScanDocument(prepared.Bytes)),
    ("encoded learning", scanner.Scan(encodedLearning)), ("encoded public document", scanner.ScanDocument(encodedPrepared.Bytes)),
})
{
    if (!result.IsClean)
    {
        throw new InvalidOperationException($"The benchmark's {name} must be clean so the scan does its full work without stopping early; found "
            + string.Join(", ", result.Findings.Select(f => $"{f.RuleId} ({f.Form}) {f.Excerpt}")));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mining.Core benchmark: learning of {submission.Length:N0} bytes (body {learning.Body.Length:N0} chars), public document {prepared.Length:N0} bytes, encoded learning of {encodedSubmission.Length:N0} bytes, {runs} runs, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}"));
Console.WriteLine();

// Warm up every measured operation for two seconds first, so tiered compilation has optimised them before anything is timed.
var warmUntil = DateTime.UtcNow.AddSeconds(2);
while (DateTime.UtcNow < warmUntil)
{
    LearningValidator.Validate(submission, validation);
    scanner.Scan(learning);
    scanner.Scan(encodedLearning);
    scanner.ScanDocument(ContentPreparer.Prepare(learning, context).Bytes);
    scanner.ScanDocument(encodedPrepared.Bytes);
}

var results = new List<Measurement>
{
    Measurement.Run("baseline: UTF-8 validate + copy", submission.Length, 50, runs, () => _ = System.Text.Unicode.Utf8.IsValid(submission) ? submission.ToArray() : null),
    Measurement.Run("baseline: UTF-8 decode to string", submission.Length, 50, runs, () => _ = Encoding.UTF8.GetString(submission)),
    Measurement.Run("validate", submission.Length, 50, runs, () => LearningValidator.Validate(submission, validation)),
    Measurement.Run("prepare (JCS + CID)", submission.Length, 50, runs, () => ContentPreparer.Prepare(learning, context)),
    Measurement.Run("rescan (exact public bytes)", prepared.Length, 50, runs, () => scanner.ScanDocument(prepared.Bytes)),
    Measurement.Run("prepare + scan", submission.Length, 50, runs, () =>
    {
        scanner.Scan(learning);
        ContentPreparer.Prepare(learning, context);
    }),
    Measurement.Run("validate + scan + prepare + rescan", submission.Length, 50, runs, () =>
    {
        var valid = LearningValidator.Validate(submission, validation).Learning!;
        scanner.Scan(valid);
        scanner.ScanDocument(ContentPreparer.Prepare(valid, context).Bytes);
    }),
};

foreach (var result in results)
{
    Console.WriteLine(result.Format());
}

// Plain and encoded scans alternate round by round, so a busy neighbour slows both alike; each keeps its best round.
var plainRounds = new List<Measurement>();
var encodedRounds = new List<Measurement>();
for (var round = 0; round < Rounds; round++)
{
    plainRounds.Add(Measurement.Run("scan (submission fields), plain", submission.Length, 50, runs, () => scanner.Scan(learning)));
    encodedRounds.Add(Measurement.Run("scan (submission fields), encoded", encodedSubmission.Length, 50, runs, () => scanner.Scan(encodedLearning)));
}

var plain = plainRounds.MinBy(m => m.P50Ms)!;
var encoded = encodedRounds.MinBy(m => m.P50Ms)!;
var encodedRescan = Measurement.Run("rescan (exact public bytes), encoded", encodedPrepared.Length, 50, runs, () => scanner.ScanDocument(encodedPrepared.Bytes));
Console.WriteLine(plain.Format());
Console.WriteLine(encoded.Format());
Console.WriteLine(encodedRescan.Format());

Console.WriteLine();
Console.WriteLine("scan by rule family (body only, plain | encoded):");
foreach (var rule in PrivacyRules.Create(new PrivacyScannerOptions()))
{
    var matches = new List<Mining.Core.Privacy.Rules.RuleMatch>();
    var plainRule = Measurement.Run("  " + rule.GetType().Name, learning.Body.Length, 20, Math.Max(20, runs / 4), () =>
    {
        matches.Clear();
        rule.Find(learning.Body, matches);
    });
    var encodedRule = Measurement.Run("  " + rule.GetType().Name, encodedLearning.Body.Length, 20, Math.Max(20, runs / 4), () =>
    {
        matches.Clear();
        rule.Find(encodedLearning.Body, matches);
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plainRule.Format()}   | {encodedRule.MegabytesPerSecond,9:F1} MB/s"));
}

var baseline = results[0];
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan throughput, every form enabled (target >= {ScanTargetMegabytesPerSecond} MB/s, i.e. <= 1 ms per 50 KB):"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  plain text    {plain.MegabytesPerSecond,7:F1} MB/s  {(plain.MegabytesPerSecond >= ScanTargetMegabytesPerSecond ? "MET" : "NOT MET")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  encoded input {encoded.MegabytesPerSecond,7:F1} MB/s  {(encoded.MegabytesPerSecond >= ScanTargetMegabytesPerSecond ? "MET" : "NOT MET")}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan / baseline (UTF-8 validate + copy) latency ratio at p50: plain {plain.P50Ms / baseline.P50Ms:F1}x, encoded {encoded.P50Ms / baseline.P50Ms:F1}x"));

static byte[] BuildSubmission(int targetBytes, string? body)
{
    var sample = JsonNode.Parse(File.ReadAllText(FindSample()))!.AsObject();
    if (body is null)
    {
        var section = sample["body"]!.GetValue<string>();
        var plain = new StringBuilder();
        var part = 1;
        while (plain.Length < targetBytes - 2_000)
        {
            plain.Append(CultureInfo.InvariantCulture, $"\n\n## Part {part++}\n\n").Append(section);
        }

        body = plain.ToString();
    }

    sample["body"] = body;

    // Minimal escaping, so the byte count (the MB/s denominator) is the content, not \u0022-style escapes of it.
    return Encoding.UTF8.GetBytes(sample.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
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
