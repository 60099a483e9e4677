using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// The system clock moved by an offset a test sets after the app has started. The app and its demo-mode emulator both
/// read it, so a test can pick a moment when the demo listener is playing, or is silent, whatever the time of the run.
/// It only moves forward, as time does: the app's schedules and tokens never see it go back.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>
    /// Moves to the next moment, within two days, when <paramref name="listener"/> is well inside a play.
    /// </summary>
    public DemoPlay MoveToPlaying(DemoListener listener)
    {
        MoveTo(at => listener.PlayingAt(at) is { } play && play.EndedAt - at > TimeSpan.FromMinutes(2)
            && at - play.StartedAt > TimeSpan.FromSeconds(5));
        return listener.PlayingAt(GetUtcNow().UtcDateTime)!;
    }

    /// <summary>
    /// Moves to the next moment, within two days, when <paramref name="listener"/> stays silent for a few minutes.
    /// </summary>
    public void MoveToSilence(DemoListener listener) =>
        MoveTo(at => Enumerable.Range(0, 5).All(minute => listener.PlayingAt(at.AddMinutes(minute)) is null));

    /// <summary>Moves forward (never back) to the first whole minute from now that suits.</summary>
    private void MoveTo(Func<DateTime, bool> suits)
    {
        var now = GetUtcNow().UtcDateTime;
        for (var minutes = 0; minutes < 2 * 24 * 60; minutes++)
        {
            if (suits(now.AddMinutes(minutes)))
            {
                Offset += TimeSpan.FromMinutes(minutes);
                return;
            }
        }
        throw new InvalidOperationException("No suitable moment within two days.");
    }
}
