using Dashboard.SpotifyEmulator.Demo;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>The part of a listener's timeline the Web API shows: what has ended by now, as Spotify counts it.</summary>
internal static class ListeningHistory
{
    /// <summary>
    /// Spotify counts a stream from 30 seconds of listening; shorter plays never reach the Web API's history.
    /// </summary>
    public const int MinimumMsPlayed = 30_000;

    /// <summary>
    /// Track plays Spotify shows in recently played and top items: at least 30 seconds, and not in a private
    /// session (those are kept out of the listening history on purpose).
    /// </summary>
    public static bool IsVisibleTrackPlay(DemoPlay play) =>
        play.Track is not null && play.MsPlayed >= MinimumMsPlayed && !play.Incognito;

    /// <summary>
    /// The <paramref name="count"/> most recent visible track plays that ended before <paramref name="now"/>, newest
    /// first.
    /// </summary>
    public static IReadOnlyList<DemoPlay> RecentTrackPlays(EmulatedUser user, DateTime now, int count)
    {
        if (user.Listener is null)
        {
            return [];
        }
        // A couple of days usually hold enough plays; look further back only across quiet spells.
        for (var span = TimeSpan.FromDays(2); ; span *= 2)
        {
            var from = now - span < user.HistoryStart ? user.HistoryStart : now - span;
            var plays = user.Listener.PlaysBetween(from, now).Where(IsVisibleTrackPlay).ToList();
            if (plays.Count >= count || from == user.HistoryStart)
            {
                return plays.TakeLast(count).Reverse().ToList();
            }
        }
    }

    /// <summary>Visible track plays that ended in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>).</summary>
    public static IEnumerable<DemoPlay> TrackPlaysBetween(EmulatedUser user, DateTime fromUtc, DateTime toUtc)
    {
        if (user.Listener is null)
        {
            return [];
        }
        var from = fromUtc < user.HistoryStart ? user.HistoryStart : fromUtc;
        return user.Listener.PlaysBetween(from, toUtc).Where(IsVisibleTrackPlay);
    }
}
