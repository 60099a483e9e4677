using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>A place in a top list. <see cref="Detail"/> is the artist of a track or album, the publisher of a show.</summary>
public sealed record RankedItem(int Rank, int Id, string Name, string? Detail, string? ImageUrl, int Plays, long ListeningMs);

/// <summary>Turns per-item figures into named, ranked top lists.</summary>
public static class RankedItems
{
    public static async Task<List<RankedItem>> TracksAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        Rank(await stats.Top(count)
            .Join(db.Tracks, s => s.ItemId, t => t.Id, (s, t) => new Named(s.ItemId, s.Plays, s.MsPlayed, t.Name, t.PrimaryArtist!.Name, t.Album!.ImageUrl))
            .ToListAsync(cancellationToken));

    public static async Task<List<RankedItem>> ArtistsAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        Rank(await stats.Top(count)
            .Join(db.Artists, s => s.ItemId, a => a.Id, (s, a) => new Named(s.ItemId, s.Plays, s.MsPlayed, a.Name, null, a.ImageUrl))
            .ToListAsync(cancellationToken));

    public static async Task<List<RankedItem>> AlbumsAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        Rank(await stats.Top(count)
            .Join(db.Albums, s => s.ItemId, a => a.Id, (s, a) => new Named(s.ItemId, s.Plays, s.MsPlayed, a.Name, a.PrimaryArtist!.Name, a.ImageUrl))
            .ToListAsync(cancellationToken));

    public static async Task<List<RankedItem>> ShowsAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        Rank(await stats.Top(count)
            .Join(db.Shows, s => s.ItemId, show => show.Id, (s, show) => new Named(s.ItemId, s.Plays, s.MsPlayed, show.Name, show.Publisher, show.ImageUrl))
            .ToListAsync(cancellationToken));

    public static async Task<List<RankedItem>> EpisodesAsync(DashboardDbContext db, IQueryable<ItemStat> stats, int count,
        CancellationToken cancellationToken) =>
        Rank(await stats.Top(count)
            .Join(db.Episodes, s => s.ItemId, e => e.Id, (s, e) => new Named(s.ItemId, s.Plays, s.MsPlayed, e.Name, e.Show!.Name, e.Show.ImageUrl))
            .ToListAsync(cancellationToken));

    /// <summary>Ranks by plays, then listening time, then id: the order <see cref="ItemStats.Top"/> chose.</summary>
    private static List<RankedItem> Rank(IEnumerable<Named> items) =>
        items.OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Select((x, index) => new RankedItem(index + 1, x.Id, x.Name, x.Detail, x.Image, x.Plays, x.Ms))
            .ToList();

    private sealed record Named(int Id, int Plays, long Ms, string Name, string? Detail, string? Image);
}
