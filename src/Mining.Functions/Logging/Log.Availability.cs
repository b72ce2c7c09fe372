using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Logging;

/// <summary>Log messages of the availability monitor (EventIds 300–399).</summary>
internal static partial class Log
{
    [LoggerMessage(300, LogLevel.Debug, "Learning {LearningId} (CID {Cid}) verified on {Verified} of {Gateways} gateways")]
    public static partial void AvailabilityVerified(ILogger logger, string learningId, Cid cid, int verified, int gateways);

    [LoggerMessage(301, LogLevel.Warning, "Learning {LearningId} (CID {Cid}) lost its gateway quorum (incident {Incident}): {Summary}")]
    public static partial void AvailabilityLost(ILogger logger, string learningId, Cid cid, int incident, string summary);

    [LoggerMessage(302, LogLevel.Warning, "Learning {LearningId} (CID {Cid}) after re-pinning: {State}, verified on {Verified} gateways (quorum {Quorum}); {Detail}")]
    public static partial void AvailabilityRepinned(ILogger logger, string learningId, Cid cid, string state, int verified, int quorum, string detail);

    [LoggerMessage(303, LogLevel.Information, "Availability monitor {State} (check interval {Interval})")]
    public static partial void AvailabilityMonitor(ILogger logger, string state, TimeSpan interval);
}
