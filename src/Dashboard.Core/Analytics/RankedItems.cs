using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>
/// A place in a top list. <see cref="Detail"/> is the artist of a track or album, the publisher of a show;
/// <see cref="SpotifyId"/> is Spotify's id of the item, null until known.
/// </summary>
public sealed record RankedItem(int Rank, int Id, string Name, string? Detail, string? ImageUrl, int Plays,
    long ListeningMs, string? SpotifyId = null);

/// <summary>Turns per-item figures into named, ranked top lists: the first few are chosen, then named.</summary>
public static class RankedItems
{
    public static async Task<List<RankedItem>> TracksAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        await TracksAsync(db, await stats.Top(count).ToListAsync(cancellationToken), cancellationToken);

    public static async Task<List<RankedItem>> TracksAsync(DashboardDbContext db, IReadOnlyList<ItemStat> top,
        CancellationToken cancellationToken)
    {
        var ids = Ids(top);
        return Rank(top, await db.Tracks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new Name(t.Id, t.Name, t.PrimaryArtist!.Name, t.Album!.ImageUrl, t.SpotifyId))
                .ToListAsync(cancellationToken));
    }

    public static async Task<List<RankedItem>> ArtistsAsync(DashboardDbContext db, IQueryable<ItemStat> stats,
        int count,
        CancellationToken cancellationToken) =>
        await ArtistsAsync(db, await stats.Top(count).ToListAsync(cancellationToken), cancellationToken);

    public static async Task<List<RankedItem>> ArtistsAsync(DashboardDbContext db, IReadOnlyList<ItemStat> top,
        CancellationToken cancellationToken)
    {
        var ids = Ids(top);
        return Rank(top, await db.Artists.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new Name(a.Id, a.Name, null, a.ImageUrl, a.SpotifyId)).ToListAsync(cancellationToken));
    }

    public static async Task<List<RankedItem>> AlbumsAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        await AlbumsAsync(db, await stats.Top(count).ToListAsync(cancellationToken), cancellationToken);

    public static async Task<List<RankedItem>> AlbumsAsync(DashboardDbContext db, IReadOnlyList<ItemStat> top,
        CancellationToken cancellationToken)
    {
        var ids = Ids(top);
        return Rank(top, await db.Albums.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new Name(a.Id, a.Name, a.PrimaryArtist!.Name, a.ImageUrl, a.SpotifyId))
                .ToListAsync(cancellationToken));
    }

    public static async Task<List<RankedItem>> ShowsAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken)
    {
        var top = await stats.Top(count).ToListAsync(cancellationToken);
        var ids = Ids(top);
        return Rank(top, await db.Shows.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new Name(s.Id, s.Name, s.Publisher, s.ImageUrl, s.SpotifyId)).ToListAsync(cancellationToken));
    }

    public static async Task<List<RankedItem>> EpisodesAsync(DashboardDbContext db, IQueryable<ItemStat> stats,
        int count,
        CancellationToken cancellationToken)
    {
        var top = await stats.Top(count).ToListAsync(cancellationToken);
        var ids = Ids(top);
        return Rank(top, await db.Episodes.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new Name(e.Id, e.Name, e.Show!.Name, e.Show.ImageUrl, e.SpotifyId))
                .ToListAsync(cancellationToken));
    }

    private static List<int> Ids(IReadOnlyList<ItemStat> top) => top.Select(s => s.ItemId).ToList();

    /// <summary>
    /// Ranks by plays, then listening time, then id: the order <see cref="ItemStats.Top(IQueryable{ItemStat}, int)"/>
    /// chose.
    /// </summary>
    private static List<RankedItem> Rank(IReadOnlyList<ItemStat> top, List<Name> names)
    {
        var byId = names.ToDictionary(n => n.Id);
        return top.Where(s => byId.ContainsKey(s.ItemId))
            .OrderByDescending(s => s.Plays).ThenByDescending(s => s.MsPlayed).ThenBy(s => s.ItemId)
            .Select((s, index) => (Stat: s, Name: byId[s.ItemId], Rank: index + 1))
            .Select(x =>
                new RankedItem(x.Rank, x.Stat.ItemId, x.Name.Text, x.Name.Detail, x.Name.Image, x.Stat.Plays,
                    x.Stat.MsPlayed, x.Name.SpotifyId))
            .ToList();
    }

    private sealed record Name(int Id, string Text, string? Detail, string? Image, string? SpotifyId);
}
