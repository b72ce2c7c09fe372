using Mining.Functions.Settings;

namespace Mining.Functions.Publishing;

/// <summary>What the contributor's controls say before a step.</summary>
/// <param name="LocalOnly">Nothing more may leave the service.</param>
/// <param name="Paused">Wait for "Resume" before the next step (the contributor's or the operator's pause).</param>
public sealed record ControlsVerdict(bool LocalOnly, bool Paused)
{
    /// <summary>True when the controls keep the learning from its next step (local-only or paused).</summary>
    public bool Holds => LocalOnly || Paused;
}

/// <summary>
/// Reads the contributor's settings and the operator-wide pause. Each publishing activity asks first and does nothing
/// while they hold the learning, so a step costs no extra activity call for its gate.
/// </summary>
internal sealed class PublishControls(SettingsStore settings)
{
    public async Task<ControlsVerdict> ReadAsync(string contributorId)
    {
        var controls = await settings.GetRecentAsync(contributorId, CancellationToken.None);
        return new ControlsVerdict(
            controls.LocalOnly || !controls.UploadsEnabled,
            controls.Paused || await settings.IsPausedByOperatorAsync(CancellationToken.None));
    }
}
