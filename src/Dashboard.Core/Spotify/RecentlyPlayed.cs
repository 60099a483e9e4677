namespace Dashboard.Core.Spotify;

/// <summary>
/// Which recently played tracks to ask for: the latest, those after a time (to catch up from the last sync) or those
/// before one (to page back). Spotify takes one cursor at most, which these factories enforce.
/// </summary>
public sealed record RecentlyPlayedQuery
{
    public const int MaxLimit = 50;

    private RecentlyPlayedQuery(int limit, DateTimeOffset? after, DateTimeOffset? before)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        Limit = limit;
        After = after;
        Before = before;
    }

    public int Limit { get; }
    public DateTimeOffset? After { get; }
    public DateTimeOffset? Before { get; }

    public static RecentlyPlayedQuery Latest(int limit = MaxLimit) => new(limit, null, null);

    /// <summary>Plays that ended after <paramref name="playedAt"/>, oldest of them first in Spotify's paging.</summary>
    public static RecentlyPlayedQuery PlayedAfter(DateTimeOffset playedAt, int limit = MaxLimit) =>
        new(limit, playedAt, null);

    public static RecentlyPlayedQuery PlayedBefore(DateTimeOffset playedAt, int limit = MaxLimit) =>
        new(limit, null, playedAt);
}

/// <summary>
/// A track play from recently played; <see cref="PlayedAt"/> is when it ended, as in the privacy export.
/// </summary>
public sealed record PlayedTrack(SpotifyTrack Track, DateTimeOffset PlayedAt, SpotifyContext? Context = null);

/// <summary>The cursors of a page: the newest and the oldest play on it.</summary>
public sealed record RecentlyPlayedCursors(DateTimeOffset After, DateTimeOffset Before);

/// <summary>
/// One page of recently played tracks, newest first. Spotify sometimes sends entries with <c>"track": null</c> (and
/// local files have no id); those are left out and counted in <see cref="SkippedItems"/> so a sync can report them.
/// </summary>
/// <param name="HasOlder">Whether Spotify offers an older page (it keeps only the last 50 plays).</param>
public sealed record RecentlyPlayedPage(
    IReadOnlyList<PlayedTrack> Items,
    int SkippedItems,
    RecentlyPlayedCursors? Cursors,
    bool HasOlder)
{
    /// <summary>
    /// Every entry Spotify sent, those without a track included: what tells whether the page was full.
    /// </summary>
    public int EntryCount => Items.Count + SkippedItems;

    /// <summary>
    /// When the oldest entry on the page was played, whether or not it had a track; null for an empty page.
    /// </summary>
    public DateTimeOffset? OldestPlayedAt => Cursors?.Before ?? (Items.Count > 0 ? Items.Min(i => i.PlayedAt) : null);
}
