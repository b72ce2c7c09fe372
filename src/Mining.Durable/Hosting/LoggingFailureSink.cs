using Microsoft.Extensions.Logging;

namespace Mining.Durable;

/// <summary>The default failure sink: logs the give-up as an error.</summary>
internal sealed partial class LoggingFailureSink(ILogger<LoggingFailureSink> logger) : IOrchestrationFailureSink
{
    public Task OnGaveUpAsync(OrchestrationFailure failure, CancellationToken cancellationToken)
    {
        LogGaveUp(logger, failure.InstanceId, failure.Name, failure.AttemptCount, failure.Reason);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up on instance {InstanceId} ({Name}) after {AttemptCount} attempts: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string instanceId, string name, int attemptCount, string reason);
}
