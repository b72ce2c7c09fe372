using Mining.Durable;
using Mining.Functions.Controls;

namespace Mining.Functions.Publishing.Activities;

/// <summary>What the contributor's controls say before a step.</summary>
/// <param name="LocalOnly">Nothing more may leave the service.</param>
/// <param name="Paused">Wait for "Resume" before the next step (the contributor's or the operator's pause).</param>
public sealed record ControlsVerdict(bool LocalOnly, bool Paused);

/// <summary>Reads the contributor's settings and the operator-wide pause before each publishing step.</summary>
internal sealed class CheckControls(SettingsStore settings) : TaskActivity<LearningRef, ControlsVerdict>
{
    public override async Task<ControlsVerdict> RunAsync(TaskActivityContext context, LearningRef input)
    {
        var controls = await settings.GetAsync(input.ContributorId, CancellationToken.None);
        return new ControlsVerdict(
            controls.LocalOnly || !controls.UploadsEnabled,
            controls.Paused || await settings.IsPausedByOperatorAsync(CancellationToken.None));
    }
}
