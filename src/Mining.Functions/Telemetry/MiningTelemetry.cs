using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mining.Functions.Telemetry;

/// <summary>
/// The service's own OpenTelemetry sources: one <see cref="ActivitySource"/> for the spans around outward calls of the
/// activities (IPFS pins and gateway checks, the anchor transaction) and one <see cref="Meter"/> for the pipeline's
/// metrics, both named <see cref="Name"/>, and the attribute names they use.
/// </summary>
/// <remarks>
/// Only activities, stores and services record here, never orchestrator code, so a replay records nothing twice.
/// Attributes carry ids, CIDs, batch roots and transaction hashes, never a key, token, URL path or request body.
/// </remarks>
internal static class MiningTelemetry
{
    public const string Name = "Mining.Functions";

    /// <summary>The Durable Task SDK's source (orchestrations and activities run through its gRPC worker and client).</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The Durable Task Framework's source (orchestrations and activities run by its dispatchers: the local host).</summary>
    public const string DurableTaskCoreSource = "DurableTask.Core";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter ServiceMeter = new(Name);

    /// <summary>Attribute names, shared by spans and metrics.</summary>
    public static class Attributes
    {
        public const string LearningId = "mining.learning.id";
        public const string LearningIds = "mining.learning.ids";
        public const string Cid = "mining.cid";
        public const string Cids = "mining.cids";
        public const string Stage = "mining.stage";
        public const string Outcome = "mining.outcome";
        public const string PinTarget = "mining.pin.target";
        public const string Gateway = "mining.gateway";
        public const string BatchId = "mining.batch.id";
        public const string BatchSize = "mining.batch.size";
        public const string BatchRoot = "mining.batch.root";
        public const string TransactionHash = "mining.tx.hash";
        public const string Confirmations = "mining.tx.confirmations";
        public const string DeadLetterKind = "mining.deadletter.kind";
    }

    /// <summary>Metric names, as they appear in the exporters and in Application Insights' customMetrics.</summary>
    public static class Metrics
    {
        public const string StageTransitions = "mining.learning.transitions";
        public const string DeadLetters = "mining.deadletters";
        public const string BatchGasUsed = "mining.batch.gas_used";
        public const string BatchFee = "mining.batch.fee";
        public const string PinDuration = "mining.ipfs.pin.duration";
        public const string GatewayDuration = "mining.ipfs.gateway.duration";
        public const string ConfirmationDuration = "mining.anchor.confirmation.duration";
    }

    /// <summary>The service's span names.</summary>
    public static class Spans
    {
        public const string Pin = "ipfs.pin";
        public const string Verify = "ipfs.verify";
        public const string AnchorSend = "chain.anchor.send";
        public const string AnchorCheck = "chain.anchor.check";
    }
}
