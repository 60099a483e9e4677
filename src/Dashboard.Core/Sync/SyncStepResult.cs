namespace Dashboard.Core.Sync;

/// <summary>What one sync step did, as its record shows it.</summary>
/// <param name="PausedUntil">Set when the step did not run because Spotify will refuse it until then.</param>
internal sealed record SyncStepResult(int Items, string Details, DateTime? PausedUntil = null)
{
    public static SyncStepResult Paused(DateTime until, string details) => new(0, details, until);
}
