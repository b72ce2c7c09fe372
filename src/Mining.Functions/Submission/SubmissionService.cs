using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mining.Core.Preparation;
using Mining.Core.Privacy;
using Mining.Core.Validation;
using Microsoft.DurableTask.Client;
using Mining.Functions.Contributors;
using Mining.Functions.Learnings;
using Mining.Functions.Logging;
using Mining.Functions.Options;
using Mining.Functions.Publishing;
using Mining.Functions.Settings;
using Mining.Functions.Storage;

namespace Mining.Functions.Submission;

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
    DocumentStore documents,
    LearningStore learnings,
    DurableTaskClient durable,
    SettingsStore settings,
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
        var document = ContentPreparer.Prepare(input, PreparationContext.Now(ServiceVersion, time));
        var rescan = scanner.ScanDocument(document.Bytes);
        if (!rescan.IsClean)
        {
            return new SubmissionResult.Blocked(rescan.Findings);
        }

        var controls = await settings.GetRecentAsync(contributor.Id, cancellationToken);
        var uploads = controls.UploadsEnabled && !controls.LocalOnly;
        var timeout = controls.ApprovalTimeout ?? publishing.Value.ApprovalTimeout;
        var now = time.GetUtcNow();
        var record = new LearningRecord
        {
            Id = LearningIdFor(contributor.Id, document.InputDigest),
            ContributorId = contributor.Id,
            Cid = document.Cid,
            Title = input.Title,
            InputDigest = document.InputDigest,
            Status = uploads ? LearningStatus.AwaitingApproval : LearningStatus.LocalOnly,
            CreatedAt = now,
            UpdatedAt = now,
            DocumentBytes = document.Length,
            ApprovalExpiresAt = uploads ? now + timeout : null,
            Reason = uploads ? null : LocalOnlyReason(controls),
            Redactions = [.. scan.Changes.Select(c => new RedactionInfo(c.Finding.RuleId, c.Finding.Path, c.Replacement))],
        };

        // The same content from the same contributor has the same id: the insert finds the stored record. (Its document,
        // stored again first, has the same bytes under the same CID.)
        var (stored, created) = await StoreAsync(record, document, cancellationToken);

        // Started after the record is durable; a retry of an interrupted submission starts it then.
        if (stored.Status != LearningStatus.LocalOnly)
        {
            await StartAsync(stored, timeout, cancellationToken);
        }

        if (created)
        {
            Log.Submitted(logger, stored.Id, stored.Cid, stored.DocumentBytes, contributor.Id);
        }

        return new SubmissionResult.Accepted(stored, created, scan.Changes);
    }

    /// <summary>
    /// Asks for approval of a LocalOnly learning once the contributor has turned uploads on (and local-only off).
    /// Returns null when the learning is not LocalOnly or the contributor's settings keep it local.
    /// </summary>
    public async Task<LearningRecord?> PublishLocalAsync(string contributorId, string id, CancellationToken cancellationToken)
    {
        var controls = await settings.GetAsync(contributorId, cancellationToken);
        if (!controls.UploadsEnabled || controls.LocalOnly)
        {
            return null;
        }

        var timeout = controls.ApprovalTimeout ?? publishing.Value.ApprovalTimeout;
        var changed = false;
        var record = await learnings.UpdateAsync(contributorId, id, r =>
        {
            changed = r.Status == LearningStatus.LocalOnly;
            return changed ? r with { Status = LearningStatus.AwaitingApproval, ApprovalExpiresAt = time.GetUtcNow() + timeout, Reason = null } : r;
        }, cancellationToken);
        if (!changed)
        {
            return null;
        }

        await StartAsync(record, timeout, cancellationToken);
        return record;
    }

    private async Task StartAsync(LearningRecord record, TimeSpan timeout, CancellationToken cancellationToken) =>
        await durable.StartIfAbsentAsync(
            nameof(PublishLearning), record.Id, new PublishInput(record.Id, record.ContributorId, record.Cid, timeout), cancellationToken);

    private static string LocalOnlyReason(ContributorSettings controls) => controls.LocalOnly
        ? "Local-only mode is on: this learning stays inside the service."
        : "Uploads are off (the default): turn them on in /api/settings, then publish this learning with POST /api/learnings/{id}/publish.";

    private async Task<(LearningRecord Record, bool Created)> StoreAsync(LearningRecord record, PreparedDocument document, CancellationToken cancellationToken)
    {
        await documents.SaveDocumentAsync(document.Cid, document.Bytes, cancellationToken);
        return await learnings.AddOrGetAsync(record, cancellationToken);
    }

    /// <summary>The same content from the same contributor always has the same id.</summary>
    public static string LearningIdFor(string contributorId, string inputDigest) =>
        "lrn_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(contributorId + "\n" + inputDigest)))[..24];
}
