using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Numerics;
using Nethereum.RPC.Eth.DTOs;
using Mining.Ethereum.Sending;
using Mining.Functions.Telemetry;
using Mining.Ipfs.Gateways;
using static Mining.Functions.Telemetry.MiningTelemetry;

using Mining.Ethereum;
using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Learnings;

/// <summary>
/// What the pipeline records: spans around the activities' outward calls (each with the learning id and CID, or the
/// batch, as attributes) and the metrics of <see cref="MiningTelemetry.Metrics"/>. Each call costs nearly nothing when
/// no exporter listens.
/// </summary>
/// <remarks>
/// Called from activities, stores and services, never from orchestrator code. Activities run at least once, so a retried
/// step records its attempt again: the histograms hold attempts, the counters count changes that were stored.
/// </remarks>
internal static class PipelineTelemetry
{
    private static readonly Counter<long> Transitions = ServiceMeter.CreateCounter<long>(
        Metrics.StageTransitions, "{learning}", "Learnings entering a stage (attribute mining.stage), as stored.");

    private static readonly Counter<long> DeadLetters = ServiceMeter.CreateCounter<long>(
        Metrics.DeadLetters, "{dead_letter}", "Dead letters opened (a step failed after its retries, or the engine gave up), by stage.");

    private static readonly Histogram<long> GasUsed = ServiceMeter.CreateHistogram<long>(
        Metrics.BatchGasUsed, "{gas}", "Gas used by each batch's confirmed anchor transaction.");

    private static readonly Histogram<double> Fee = ServiceMeter.CreateHistogram<double>(
        Metrics.BatchFee, "Gwei", "Fee paid for each batch's confirmed anchor transaction (gas used times effective gas price).");

    private static readonly Histogram<double> PinSeconds = ServiceMeter.CreateHistogram<double>(
        Metrics.PinDuration, "s", "Time to pin one learning on one target, by target and outcome.");

    private static readonly Histogram<double> GatewaySeconds = ServiceMeter.CreateHistogram<double>(
        Metrics.GatewayDuration, "s", "Time for one gateway to serve one learning and have it checked against its CID, by gateway and outcome.");

    private static readonly Histogram<double> ConfirmationSeconds = ServiceMeter.CreateHistogram<double>(
        Metrics.ConfirmationDuration, "s", "From the first broadcast of a batch's anchor transaction to its required confirmations.");

    private static readonly BigInteger WeiPerGwei = BigInteger.Pow(10, 9);

    /// <summary>Counts a learning entering <paramref name="after"/>, when the stored stage changed.</summary>
    public static void StageChanged(LearningStatus? before, LearningStatus after)
    {
        if (before != after)
        {
            Transitions.Add(1, new KeyValuePair<string, object?>(Attributes.Stage, after.ToString()));
        }
    }

    /// <summary>Counts a dead letter opened (a new record, or one opened again after a failed replay).</summary>
    public static void DeadLetterOpened(string stage, string kind) =>
        DeadLetters.Add(1, new KeyValuePair<string, object?>(Attributes.Stage, stage), new KeyValuePair<string, object?>(Attributes.DeadLetterKind, kind));

    /// <summary>Runs one pin of a learning on <paramref name="target"/> in an <c>ipfs.pin</c> span and records its duration.</summary>
    public static async Task<T> PinAsync<T>(string learningId, Cid cid, string target, Func<Task<T>> pin)
    {
        using var span = StartLearningSpan(Spans.Pin, learningId, cid);
        span?.SetTag(Attributes.PinTarget, target);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await pin();
            outcome = "pinned";
            return result;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag(Attributes.Outcome, outcome);
            PinSeconds.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(Attributes.PinTarget, target),
                new KeyValuePair<string, object?>(Attributes.Outcome, outcome));
        }
    }

    /// <summary>Runs one gateway check of a learning in an <c>ipfs.verify</c> span and records its latency and outcome.</summary>
    public static async Task<GatewayVerification> VerifyAsync(string learningId, Cid cid, Uri gateway, Func<Task<GatewayVerification>> verify)
    {
        using var span = StartLearningSpan(Spans.Verify, learningId, cid);
        var origin = TelemetryRedaction.Origin(gateway);
        span?.SetTag(Attributes.Gateway, origin);
        var check = await verify();
        span?.SetTag(Attributes.Outcome, check.Outcome.ToString());
        if (check.Outcome != GatewayOutcome.Verified)
        {
            span?.SetStatus(ActivityStatusCode.Error, check.Outcome.ToString());
        }

        GatewaySeconds.Record(
            check.Latency.TotalSeconds,
            new KeyValuePair<string, object?>(Attributes.Gateway, origin),
            new KeyValuePair<string, object?>(Attributes.Outcome, check.Outcome.ToString()));
        return check;
    }

    /// <summary>Starts a span about one batch's anchor transaction, with the batch and its learnings' ids and CIDs.</summary>
    public static Activity? StartBatchSpan(string name, string batchId, Hash32? root, IReadOnlyCollection<(string LearningId, Cid Cid)> learnings)
    {
        var span = Source.StartActivity(name, ActivityKind.Internal);
        if (span is null)
        {
            return null;
        }

        span.SetTag(Attributes.BatchId, batchId);
        span.SetTag(Attributes.BatchSize, learnings.Count);
        span.SetTag(Attributes.BatchRoot, root?.ToString());
        span.SetTag(Attributes.LearningIds, learnings.Select(l => l.LearningId).ToArray());
        span.SetTag(Attributes.Cids, learnings.Select(l => l.Cid.ToString()).ToArray());
        return span;
    }

    /// <summary>Adds the transaction a batch span sent or checked.</summary>
    public static void Transaction(Activity? span, TxHash transactionHash, int? confirmations = null)
    {
        span?.SetTag(Attributes.TransactionHash, transactionHash.ToString());
        if (confirmations is { } count)
        {
            span?.SetTag(Attributes.Confirmations, count);
        }
    }

    /// <summary>
    /// Starts the span of a host scheduling an orchestration (<c>create_orchestration:NAME</c>, as the Durable Task
    /// clients name it), under the caller's span or as a new trace (the collector starting a batch): the orchestration
    /// and its activities become its children once the host stores it as their parent.
    /// </summary>
    public static Activity? StartCreateOrchestration(string name, string instanceId)
    {
        var span = Source.StartActivity("create_orchestration:" + name, ActivityKind.Producer);
        span?.SetTag("durabletask.type", "orchestration");
        span?.SetTag("durabletask.task.name", name);
        span?.SetTag("durabletask.task.instance_id", instanceId);
        return span;
    }

    /// <summary>Records a batch's confirmed anchor transaction: gas used, fee paid, and the time from first broadcast to confirmation.</summary>
    public static void BatchConfirmed(SentTransaction sent, TransactionReceipt receipt, DateTimeOffset confirmedAt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        GasUsed.Record((long)receipt.GasUsed.Value);
        Fee.Record((double)(receipt.GasUsed.Value * (receipt.EffectiveGasPrice?.Value ?? BigInteger.Zero)) / (double)WeiPerGwei);
        ConfirmationSeconds.Record(Math.Max(0, (confirmedAt - sent.Attempts[0].SentAt).TotalSeconds));
    }

    private static Activity? StartLearningSpan(string name, string learningId, Cid cid)
    {
        var span = Source.StartActivity(name, ActivityKind.Internal);
        span?.SetTag(Attributes.LearningId, learningId);
        span?.SetTag(Attributes.Cid, cid.ToString());
        return span;
    }
}
