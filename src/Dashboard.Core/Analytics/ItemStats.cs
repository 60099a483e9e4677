using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>One item's counted plays and listening time over some range, as a row of a query.</summary>
public sealed class ItemStat
{
    public int ItemId { get; init; }
    public int Plays { get; init; }
    public long MsPlayed { get; init; }
}

/// <summary>A range's per-item figures for tracks, artists and albums, from one query.</summary>
public sealed record RangeItems(IReadOnlyList<ItemStat> Tracks, IReadOnlyList<ItemStat> Artists,
    IReadOnlyList<ItemStat> Albums);

/// <summary>
/// Per-item figures for a range, as SQL to compose further: from the lifetime totals for all time, otherwise
/// from the items' monthly breakdowns for whole months and the plays' covering index for the days around them.
/// </summary>
public static class ItemStats
{
    public static IQueryable<ItemStat> Tracks(DashboardDbContext db, QueryUser user, DayRange range, bool allTime) =>
        allTime
            ? Totals(db, user, ItemKind.Track)
            : InRange(db, user, range, ItemKind.Track, plays => plays.Where(p => p.TrackId != null)
                .GroupBy(p => p.TrackId!.Value)
                .Select(g =>
                    new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) }));

    public static IQueryable<ItemStat> Episodes(DashboardDbContext db, QueryUser user, DayRange range, bool allTime) =>
        allTime
            ? Totals(db, user, ItemKind.Episode)
            : InRange(db, user, range, ItemKind.Episode, plays => plays.Where(p => p.EpisodeId != null)
                .GroupBy(p => p.EpisodeId!.Value)
                .Select(g =>
                    new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) }));

    public static IQueryable<ItemStat> Artists(DashboardDbContext db, QueryUser user, DayRange range, bool allTime) =>
        allTime ? Totals(db, user, ItemKind.Artist) : Artists(db, Tracks(db, user, range, allTime: false));

    public static IQueryable<ItemStat> Albums(DashboardDbContext db, QueryUser user, DayRange range, bool allTime) =>
        allTime ? Totals(db, user, ItemKind.Album) : Albums(db, Tracks(db, user, range, allTime: false));

    public static IQueryable<ItemStat> Shows(DashboardDbContext db, QueryUser user, DayRange range, bool allTime) =>
        allTime ? Totals(db, user, ItemKind.Show) : Shows(db, Episodes(db, user, range, allTime: false));

    /// <summary>Per-artist figures from per-track ones: a play counts for every artist credited on the track.</summary>
    public static IQueryable<ItemStat> Artists(DashboardDbContext db, IQueryable<ItemStat> tracks) =>
        tracks.Join(db.TrackArtists, s => s.ItemId, credit => credit.TrackId,
            (s, credit) => new { credit.ArtistId, s.Plays, s.MsPlayed })
            .GroupBy(x => x.ArtistId)
            .Select(g =>
                new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    public static IQueryable<ItemStat> Albums(DashboardDbContext db, IQueryable<ItemStat> tracks) =>
        tracks.Join(db.Tracks, s => s.ItemId, t => t.Id, (s, t) => new { t.AlbumId, s.Plays, s.MsPlayed })
            .Where(x => x.AlbumId != null)
            .GroupBy(x => x.AlbumId!.Value)
            .Select(g =>
                new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    /// <summary>Per-show figures (podcasts and audiobooks) from per-episode ones.</summary>
    public static IQueryable<ItemStat> Shows(DashboardDbContext db, IQueryable<ItemStat> episodes) =>
        episodes.Join(db.Episodes, s => s.ItemId, e => e.Id, (s, e) => new { e.ShowId, s.Plays, s.MsPlayed })
            .GroupBy(x => x.ShowId)
            .Select(g =>
                new ItemStat { ItemId = g.Key, Plays = g.Sum(x => x.Plays), MsPlayed = g.Sum(x => x.MsPlayed) });

    /// <summary>
    /// Tracks, artists and albums of a range at once: the range's plays are grouped by track once, with each track's
    /// album and artists, and summed here, where asking for each would group them again.
    /// </summary>
    public static async Task<RangeItems> InRangeAsync(DashboardDbContext db, QueryUser user, DayRange range,
        CancellationToken cancellationToken)
    {
        var rows = await Tracks(db, user, range, allTime: false)
            .Join(db.Tracks, s => s.ItemId, t => t.Id, (s, t) => new { Stat = s, t.AlbumId })
            .LeftJoin(db.TrackArtists, x => x.Stat.ItemId, credit => credit.TrackId,
                (x, credit) =>
                new { x.Stat.ItemId, x.Stat.Plays, x.Stat.MsPlayed, x.AlbumId, ArtistId = (int?)credit!.ArtistId })
            .ToListAsync(cancellationToken);
        var tracks = rows.DistinctBy(r => r.ItemId).ToList();
        return new RangeItems(
            tracks.Select(r => new ItemStat { ItemId = r.ItemId, Plays = r.Plays, MsPlayed = r.MsPlayed }).ToList(),
            Sum(rows.Where(r => r.ArtistId is not null).Select(r => (r.ArtistId!.Value, r.Plays, r.MsPlayed))),
            Sum(tracks.Where(r => r.AlbumId is not null).Select(r => (r.AlbumId!.Value, r.Plays, r.MsPlayed))));

        static List<ItemStat> Sum(IEnumerable<(int Id, int Plays, long Ms)> rows) =>
            rows.GroupBy(r => r.Id)
                .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Sum(r => r.Plays), MsPlayed = g.Sum(r => r.Ms) })
                .ToList();
    }

    /// <summary>
    /// The first <paramref name="count"/> by plays, then listening time, then id, so ties always rank alike.
    /// </summary>
    public static IQueryable<ItemStat> Top(this IQueryable<ItemStat> stats, int count) =>
        stats.OrderByDescending(s => s.Plays).ThenByDescending(s => s.MsPlayed).ThenBy(s => s.ItemId).Take(count);

    /// <inheritdoc cref="Top(IQueryable{ItemStat}, int)"/>
    public static List<ItemStat> Top(this IEnumerable<ItemStat> stats, int count) =>
        stats.OrderByDescending(s => s.Plays).ThenByDescending(s => s.MsPlayed).ThenBy(s => s.ItemId).Take(count)
            .ToList();

    /// <summary>
    /// Per-item figures of a range: its whole local months from the items' monthly breakdowns (a third as many
    /// rows as plays), the days before and after them from the plays.
    /// </summary>
    private static IQueryable<ItemStat> InRange(DashboardDbContext db, QueryUser user, DayRange range, ItemKind kind,
        Func<IQueryable<Play>, IQueryable<ItemStat>> perItem)
    {
        var firstMonth = range.From.Day == 1 ? range.From
            : new DateOnly(range.From.Year, range.From.Month, 1).AddMonths(1);
        var months = new List<string>();
        for (var month = firstMonth; month.AddMonths(1).AddDays(-1) <= range.To; month = month.AddMonths(1))
        {
            months.Add(TrendService.Label(month, Granularity.Month));
        }
        if (months.Count == 0)
        {
            return perItem(user.CountedPlays(db, range));
        }
        var before = perItem(user.CountedPlays(db, new DayRange(range.From, firstMonth.AddDays(-1))));
        var after = perItem(user.CountedPlays(db, new DayRange(firstMonth.AddMonths(months.Count), range.To)));
        var wholeMonths = db.ItemBreakdowns.AsNoTracking()
            .Where(b => b.UserId == user.UserId && b.Facet == Facet.Month && b.Kind == kind && months.Contains(b.Value))
            .Select(b => new ItemStat { ItemId = b.ItemId, Plays = b.Plays, MsPlayed = b.MsPlayed });
        return before.Concat(wholeMonths).Concat(after)
            .GroupBy(s => s.ItemId)
            .Select(g =>
                new ItemStat { ItemId = g.Key, Plays = g.Sum(s => s.Plays), MsPlayed = g.Sum(s => s.MsPlayed) });
    }

    /// <summary>The user's lifetime totals of one kind of item, those with a play that counts.</summary>
    public static IQueryable<ItemStat> Totals(DashboardDbContext db, QueryUser user, ItemKind kind) =>
        db.ItemTotals.AsNoTracking()
            .Where(t => t.UserId == user.UserId && t.Kind == kind && t.Plays > 0)
            .Select(t => new ItemStat { ItemId = t.ItemId, Plays = t.Plays, MsPlayed = t.MsPlayed });
}
