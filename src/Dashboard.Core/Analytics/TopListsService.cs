using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

public enum TopKind
{
    Tracks,
    Artists,
    Albums,
    Podcasts,
}

/// <summary>How an entry moved against the previous period of equal length.</summary>
public enum Movement
{
    Up,
    Down,
    Same,

    /// <summary>First played in this period.</summary>
    New,

    /// <summary>Played before, but not in the previous period.</summary>
    ReEntry,
}

/// <summary>
/// A top-list entry; <see cref="PreviousRank"/> is its rank in the previous period, if it had plays there.
/// </summary>
public sealed record TopEntry(RankedItem Item, Movement? Movement, int? PreviousRank);

public sealed record TopList(PeriodSelection Selection, DayRange Range, TopKind Kind, int Limit, int TotalItems,
    IReadOnlyList<TopEntry> Entries)
{
    public bool IsEmpty => Entries.Count == 0;
}

/// <summary>Top tracks, artists, albums and podcasts of a period, with movement against the one before.</summary>
public class TopListsService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public static readonly int[] Limits = [10, 25, 50, 100];

    public virtual async Task<TopList> GetAsync(int userId, TopKind kind, PeriodSelection selection, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var range = await user.ResolveAsync(db, selection, clock, cancellationToken);
        var stats = Stats(db, user, kind, range, selection.IsAllTime);
        var items = kind switch
        {
            TopKind.Tracks => await RankedItems.TracksAsync(db, stats, limit, cancellationToken),
            TopKind.Artists => await RankedItems.ArtistsAsync(db, stats, limit, cancellationToken),
            TopKind.Albums => await RankedItems.AlbumsAsync(db, stats, limit, cancellationToken),
            TopKind.Podcasts => await RankedItems.ShowsAsync(db, stats, limit, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var total = await stats.CountAsync(cancellationToken);
        if (selection.IsAllTime)
        {
            return new TopList(selection, range, kind, limit, total,
                items.Select(i => new TopEntry(i, null, null)).ToList());
        }

        // Ranks of the previous period, for every item in it, ranked the same way as the current list.
        var previous = (await Stats(db, user, kind, range.Previous(), allTime: false)
                .OrderByDescending(s => s.Plays).ThenByDescending(s => s.MsPlayed).ThenBy(s => s.ItemId)
                .Select(s => s.ItemId)
                .ToListAsync(cancellationToken))
            .Select((id, index) => (id, rank: index + 1))
            .ToDictionary(x => x.id, x => x.rank);
        var ids = items.Select(i => i.Id).Where(id => !previous.ContainsKey(id)).ToList();
        var firstPlayed = await FirstPlayedAsync(db, user, kind, ids, cancellationToken);
        var rangeStart = range.From;
        return new TopList(selection, range, kind, limit, total, items.Select(item =>
        {
            if (previous.TryGetValue(item.Id, out var before))
            {
                var movement = before > item.Rank ? Movement.Up : before < item.Rank ? Movement.Down : Movement.Same;
                return new TopEntry(item, movement, before);
            }
            var isNew = !firstPlayed.TryGetValue(item.Id, out var first) || first >= rangeStart;
            return new TopEntry(item, isNew ? Movement.New : Movement.ReEntry, null);
        }).ToList());
    }

    private static IQueryable<ItemStat> Stats(DashboardDbContext db, QueryUser user, TopKind kind, DayRange range,
        bool allTime) => kind switch
    {
        TopKind.Tracks => ItemStats.Tracks(db, user, range, allTime),
        TopKind.Artists => ItemStats.Artists(db, user, range, allTime),
        TopKind.Albums => ItemStats.Albums(db, user, range, allTime),
        TopKind.Podcasts => ItemStats.Shows(db, user, range, allTime),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The local day each item was first played (any play, counted or not), from the lifetime totals.
    /// </summary>
    private static async Task<Dictionary<int, DateOnly>> FirstPlayedAsync(DashboardDbContext db, QueryUser user,
        TopKind kind,
        List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var totals = kind switch
        {
            TopKind.Tracks => ItemKind.Track,
            TopKind.Artists => ItemKind.Artist,
            TopKind.Albums => ItemKind.Album,
            TopKind.Podcasts => ItemKind.Show,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var firsts = await db.ItemTotals.AsNoTracking()
            .Where(t => t.UserId == user.UserId && t.Kind == totals && ids.Contains(t.ItemId))
            .Select(t => new { t.ItemId, t.FirstPlayedAt })
            .ToListAsync(cancellationToken);
        return firsts.ToDictionary(f => f.ItemId,
            f => LocalTime.Of(DateTime.SpecifyKind(f.FirstPlayedAt, DateTimeKind.Utc), user.Zone).Date);
    }
}
