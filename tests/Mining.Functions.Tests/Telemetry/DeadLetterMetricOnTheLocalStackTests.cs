using System.Diagnostics.Metrics;
using Mining.Functions.DeadLetters;
using Mining.Functions.Telemetry;
using Mining.Functions.Tests.Publishing;

namespace Mining.Functions.Tests.Telemetry;

/// <summary>The dead-letter counter against the real dead-letter table (Azurite, from the collection's dev stack), through the service in process.</summary>
[Collection("DevStack")]
public sealed class DeadLetterMetricOnTheLocalStackTests
{
    [Fact]
    public async Task A_dead_letter_counts_once_when_opened_and_not_again_when_the_same_failure_is_recorded_again()
    {
        var stage = "Probe" + Guid.NewGuid().ToString("N")[..8];
        var counted = new List<(long Value, string? Kind)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MiningTelemetry.Name && instrument.Name == MiningTelemetry.Metrics.DeadLetters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Any(t => t.Key == MiningTelemetry.Attributes.Stage && Equals(t.Value, stage)))
            {
                lock (counted)
                {
                    counted.Add((value, all.FirstOrDefault(t => t.Key == MiningTelemetry.Attributes.DeadLetterKind).Value as string));
                }
            }
        });
        listener.Start();
        await using var app = new LocalStackApp();
        var service = app.Service<DeadLetterService>();
        var failure = new DeadLetterFailure(
            DeadLetterKind.Learning, "probe-" + Guid.NewGuid().ToString("N")[..16], "PublishLearning", [], stage, "node A refused", 3, Generation: 0);

        await service.RecordAsync(failure, CancellationToken.None);
        await service.RecordAsync(failure with { Error = "a retried activity reports it again" }, CancellationToken.None);

        lock (counted)
        {
            Assert.Equal([(1L, "Learning")], counted);
        }
    }
}
