using Mining.Functions.Hosting;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Validation;
using Mining.Durable;
using Mining.Functions.Contributors;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Storage;

namespace Mining.Functions.Learnings;

/// <summary>
/// Takes a submitted learning through validation, the privacy scan, preparation and content addressing, stores the
/// public document and its record, and starts its <see cref="PublishLearning"/> orchestration.
/// </summary>
/// <remarks>
/// Nothing is stored unless every check passed; the document blob is written before the record, and the
/// orchestration is started last with the learning id as its instance id, so a retried submission finds the
/// existing learning and starts nothing twice. Nothing leaves the service here: publishing waits for approval.
/// </remarks>
internal sealed class SubmissionService(
    ValidationOptions validation,
    PrivacyScanner scanner,
    ContentPreparer preparer,
    DocumentStore documents,
    LearningStore learnings,
    DurableTaskClient durable,
    IOptions<PublishingOptions> publishing,
    TimeProvider time,
    ILogger<SubmissionService> logger)
{
    public static string ServiceVersion { get; } =
        typeof(SubmissionService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public async Task<SubmissionResult> SubmitAsync(Contributor contributor, byte[] body, CancellationToken cancellationToken)
    {
        var validated = LearningValidator.Validate(body, validation);
        if (!validated.IsValid)
        {
            return new SubmissionResult.Invalid(validated.Problems);
        }

        var scan = scanner.Scan(validated.Learning!);
        if (scan.Verdict == ScanVerdict.Blocked)
        {
            return new SubmissionResult.Blocked(scan.Findings);
        }

        // Rewards go to the address the contributor registered, whatever the submission names.
        var input = (scan.Redacted ?? validated.Learning!) with { RewardAddress = contributor.RewardAddress };
        var document = preparer.Prepare(input, PreparationContext.Now(ServiceVersion, time));
        var rescan = scanner.ScanDocument(document.Bytes);
        if (!rescan.IsClean)
        {
            return new SubmissionResult.Blocked(rescan.Findings);
        }

        var options = publishing.Value;
        var now = time.GetUtcNow();
        var record = new LearningRecord
        {
            Id = LearningIdFor(contributor.Id, document.InputDigest),
            ContributorId = contributor.Id,
            Cid = document.Cid,
            Title = input.Title,
            InputDigest = document.InputDigest,
            Status = LearningStatus.AwaitingApproval,
            CreatedAt = now,
            UpdatedAt = now,
            DocumentBytes = document.Length,
            ApprovalExpiresAt = now + options.ApprovalTimeout,
        };

        var (stored, created) = await learnings.FindAsync(contributor.Id, record.Id, cancellationToken) is { } existing
            ? (existing, false)
            : await StoreAsync(record, document, cancellationToken);

        // Started after the record is durable; a retry of an interrupted submission starts it then.
        await durable.StartOnceAsync(
            nameof(PublishLearning), stored.Id, new PublishInput(stored.Id, contributor.Id, stored.Cid, options.ApprovalTimeout), cancellationToken);
        if (!created)
        {
            return new SubmissionResult.Accepted(stored, Created: false, scan.Changes);
        }

        Log.Submitted(logger, stored.Id, stored.Cid, stored.DocumentBytes, contributor.Id);
        return new SubmissionResult.Accepted(stored, created, scan.Changes);
    }

    private async Task<(LearningRecord Record, bool Created)> StoreAsync(LearningRecord record, PreparedDocument document, CancellationToken cancellationToken)
    {
        await documents.SaveDocumentAsync(document.Cid, document.Bytes, cancellationToken);
        return await learnings.AddOrGetAsync(record, cancellationToken);
    }

    /// <summary>The same content from the same contributor always has the same id.</summary>
    public static string LearningIdFor(string contributorId, string inputDigest) =>
        "lrn_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contributorId + "\n" + inputDigest)))[..24];
}
