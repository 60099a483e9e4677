using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.SpotifyEmulator.Api.Player;

/// <summary>
/// What a user's player is doing now: the listener's timeline as the user's commands have shifted it.
/// </summary>
/// <param name="ChangedAt">When playback last changed (a new item or a command), by the clock.</param>
internal sealed record Playback(DemoPlay Play, int ProgressMs, bool IsPlaying, DateTime ChangedAt)
{
    /// <summary>
    /// How far back "previous" restarts the item instead of going to the one before, as Spotify's apps do.
    /// </summary>
    private static readonly TimeSpan RestartThreshold = TimeSpan.FromSeconds(3);

    /// <summary>The playback in progress, or null when nothing plays (Spotify then has no active device).</summary>
    public static Playback? Current(EmulatedUser user, PlayerControl control, DateTime now)
    {
        var position = control.Position(now);
        if (user.Listener?.PlayingAt(position.TimelineNow) is not { } play)
        {
            return null;
        }
        var progress = (int)(position.TimelineNow - play.StartedAt).TotalMilliseconds;
        var itemStartedAt = play.StartedAt - position.Offset;
        var changedAt = position.IsPaused || position.ChangedAt > itemStartedAt ? position.ChangedAt : itemStartedAt;
        return new Playback(play, progress, !position.IsPaused, changedAt);
    }

    /// <summary>The plays that follow this one on the timeline, nearest first.</summary>
    public static IEnumerable<DemoPlay> Upcoming(DemoListener listener, DemoPlay play) =>
        listener.PlaysBetween(play.EndedAt, play.EndedAt.AddDays(3)).Where(p => p.StartedAt >= play.EndedAt);

    /// <summary>
    /// Where "previous" goes: the start of this item, or of the one before when this has only just begun.
    /// </summary>
    public DateTime PreviousPoint(DemoListener listener)
    {
        if (TimeSpan.FromMilliseconds(ProgressMs) > RestartThreshold)
        {
            return Play.StartedAt;
        }
        var before = listener.PlaysBetween(Play.StartedAt.AddDays(-3), Play.StartedAt)
            .LastOrDefault(p => p.EndedAt <= Play.StartedAt);
        return before?.StartedAt ?? Play.StartedAt;
    }
}
