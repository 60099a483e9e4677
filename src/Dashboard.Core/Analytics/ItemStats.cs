using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>One item's counted plays and listening time over some range, as a row of a query.</summary>
public sealed class ItemStat
{
    public int ItemId { get; init; }
    public int Plays { get; init; }
    public long MsPlayed { get; init; }
}

/// <summary>
/// Per-item figures for a range, as SQL to compose further: from the lifetime totals for all time (a small
/// table), otherwise grouped from the plays through their covering index.
/// </summary>
public static class ItemStats
{
    public static IQueryable<ItemStat> Tracks(DashboardDbContext db, Listener listener, DayRange range, bool allTime) =>
        allTime
            ? Totals(db, listener, ItemKind.Track)
            : listener.CountedPlays(db, range).Where(p => p.TrackId != null)
                .GroupBy(p => p.TrackId!.Value)
                .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) });

    public static IQueryable<ItemStat> Episodes(DashboardDbContext db, Listener listener, DayRange range, bool allTime) =>
        allTime
            ? Totals(db, listener, ItemKind.Episode)
            : listener.CountedPlays(db, range).Where(p => p.EpisodeId != null)
                .GroupBy(p => p.EpisodeId!.Value)
                .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) });

    /// <summary>Per-artist figures: a play counts for every artist credited on the track.</summary>
    public static IQueryable<ItemStat> Artists(DashboardDbContext db, IQueryable<ItemStat> tracks) =>
        tracks.Join(db.TrackArtists, s => s.ItemId, credit => credit.TrackId, (s, credit) => new { credit.ArtistId, s.Plays, s.MsPlayed })
            .GroupBy(x => x.ArtistId)
            .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    public static IQueryable<ItemStat> Albums(DashboardDbContext db, IQueryable<ItemStat> tracks) =>
        tracks.Join(db.Tracks, s => s.ItemId, t => t.Id, (s, t) => new { t.AlbumId, s.Plays, s.MsPlayed })
            .Where(x => x.AlbumId != null)
            .GroupBy(x => x.AlbumId!.Value)
            .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    /// <summary>Per-show figures (podcasts and audiobooks) from per-episode ones.</summary>
    public static IQueryable<ItemStat> Shows(DashboardDbContext db, IQueryable<ItemStat> episodes) =>
        episodes.Join(db.Episodes, s => s.ItemId, e => e.Id, (s, e) => new { e.ShowId, s.Plays, s.MsPlayed })
            .GroupBy(x => x.ShowId)
            .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    /// <summary>The first <paramref name="count"/> by plays, then listening time, then id, so ties always rank alike.</summary>
    public static IQueryable<ItemStat> Top(this IQueryable<ItemStat> stats, int count) =>
        stats.OrderByDescending(s => s.Plays).ThenByDescending(s => s.MsPlayed).ThenBy(s => s.ItemId).Take(count);

    private static IQueryable<ItemStat> Totals(DashboardDbContext db, Listener listener, ItemKind kind) =>
        db.ItemTotals.AsNoTracking()
            .Where(t => t.UserId == listener.UserId && t.Kind == kind && t.Plays > 0)
            .Select(t => new ItemStat { ItemId = t.ItemId, Plays = t.Plays, MsPlayed = t.MsPlayed });
}
