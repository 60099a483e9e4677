using System.Globalization;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

public enum DetailKind
{
    Track,
    Artist,
    Album,
    Show,
}

public sealed record LinkedItem(int Id, string Name);

public sealed record NamedCount(string Name, int Plays, double Share);

public sealed record ChartPosition(DateOnly WeekStart, int Position);

/// <summary>
/// A user's lifetime with one track, artist, album or show. Counts follow the play-count rule; the skip rate
/// is over every play.
/// </summary>
public sealed record ItemDetail(
    DetailKind Kind,
    int Id,
    string Name,
    string? ImageUrl,
    string? SpotifyUri,
    string? Subtitle,
    IReadOnlyList<LinkedItem> Artists,
    LinkedItem? Album,
    int? DurationMs,
    string? ReleaseDate,
    int Plays,
    long ListeningMs,
    int AllPlays,
    int Skips,
    double? CompletionRate,
    DateTime FirstPlayedAt,
    DateTime LastPlayedAt,
    double ShareOfPlays,
    double ShareOfTime,
    IReadOnlyList<TrendPoint> OverTime,
    IReadOnlyList<ChartPosition> ChartHistory,
    IReadOnlyList<NamedCount> Platforms,
    IReadOnlyList<NamedCount> Countries,
    IReadOnlyList<RankedItem> TopTracks,
    IReadOnlyList<RankedItem> TopAlbums)
{
    public double SkipRate => AllPlays == 0 ? 0 : (double)Skips / AllPlays;
    public int? PeakPosition => ChartHistory.Count == 0 ? null : ChartHistory.Min(c => c.Position);
}

/// <summary>The detail pages: one item's plays, time, reach, habits and chart history for one user.</summary>
public class DetailService(IDbContextFactory<DashboardDbContext> dbFactory)
{
    private const int TopCount = 10;

    /// <summary>
    /// The item as this user listened to it; null when it does not exist or the user never played it.
    /// </summary>
    public virtual async Task<ItemDetail?> GetAsync(int userId, DetailKind kind, int id,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var itemKind = kind switch
        {
            DetailKind.Track => ItemKind.Track,
            DetailKind.Artist => ItemKind.Artist,
            DetailKind.Album => ItemKind.Album,
            DetailKind.Show => ItemKind.Show,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var totals = await db.ItemTotals.AsNoTracking()
            .SingleOrDefaultAsync(t => t.UserId == userId && t.Kind == itemKind && t.ItemId == id, cancellationToken);
        if (totals is null)
        {
            return null;
        }
        // Everything below sums the rollups of the item's tracks or episodes, never their plays.
        var (partKind, partIds) = await PartsAsync(db, kind, id, cancellationToken);
        var breakdowns = await db.ItemBreakdowns.AsNoTracking()
            .Where(b => b.UserId == userId && b.Kind == partKind && partIds.Contains(b.ItemId))
            .GroupBy(b => new { b.Facet, b.Value })
            .Select(g => new { g.Key.Facet, g.Key.Value, Plays = g.Sum(b => b.Plays), Ms = g.Sum(b => b.MsPlayed) })
            .ToListAsync(cancellationToken);
        // Months of accepted days only: pages draw every month from the first to the last.
        var overTime = breakdowns.Where(b => b.Facet == Facet.Month)
            .Select(b =>
                (Start: DateOnly.ParseExact(b.Value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), b.Plays,
                    b.Ms))
            .Where(m => AcceptedDates.Contains(m.Start))
            .OrderBy(m => m.Start)
            .Select(m => new TrendPoint(TrendService.Label(m.Start, Granularity.Month), m.Start, m.Plays, m.Ms))
            .ToList();
        var platforms = Shares(breakdowns.Where(b => b.Facet == Facet.Platform).Select(b => (b.Value, b.Plays)));
        var countries = Shares(breakdowns.Where(b => b.Facet == Facet.Country).Select(b => (b.Value, b.Plays)));
        var user = await db.DimensionRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.Dimension == Dimension.ContentType)
            .GroupBy(r => r.UserId)
            .Select(g => new { Plays = g.Sum(r => r.Plays), Ms = g.Sum(r => r.MsPlayed) })
            .SingleOrDefaultAsync(cancellationToken);

        var chartKind = kind switch { DetailKind.Track => ChartKind.Tracks, DetailKind.Artist => ChartKind.Artists,
            _ => (ChartKind?)null };
        var chartHistory = chartKind is { } chart
            ? await db.WeeklyCharts.AsNoTracking()
                .Where(e => e.UserId == userId && e.Chart == chart && e.ItemId == id
                    && e.Position <= ChartsService.DefaultLength
                            && e.WeekStart >= ChartsService.FirstWeek && e.WeekStart <= AcceptedDates.Last)
                .OrderBy(e => e.WeekStart)
                .Select(e => new ChartPosition(e.WeekStart, e.Position))
                .ToListAsync(cancellationToken)
            : [];

        var parts = db.ItemTotals.AsNoTracking()
            .Where(t => t.UserId == userId && t.Kind == partKind && t.Plays > 0 && partIds.Contains(t.ItemId))
            .Select(t => new ItemStat { ItemId = t.ItemId, Plays = t.Plays, MsPlayed = t.MsPlayed });
        var topTracks = kind switch
        {
            DetailKind.Artist or DetailKind.Album =>
                await RankedItems.TracksAsync(db, parts, TopCount, cancellationToken),
            DetailKind.Show => await RankedItems.EpisodesAsync(db, parts, TopCount, cancellationToken),
            _ => [],
        };
        var topAlbums = kind == DetailKind.Artist
            ? await RankedItems.AlbumsAsync(db, ItemStats.Albums(db, parts), TopCount, cancellationToken) : [];

        var about = await AboutAsync(db, kind, id, cancellationToken);
        return new ItemDetail(kind, id, about.Name, about.Image, about.Uri, about.Subtitle, about.Artists, about.Album,
            about.Duration,
            about.Released, totals.Plays, totals.MsPlayed, totals.AllPlays, totals.Skips,
            totals.WithEndReason == 0 ? null : (double)totals.Completed / totals.WithEndReason,
            totals.FirstPlayedAt, totals.LastPlayedAt,
            user is { Plays: > 0 } ? (double)totals.Plays / user.Plays : 0,
            user is { Ms: > 0 } ? (double)totals.MsPlayed / user.Ms : 0,
            overTime, chartHistory, platforms, countries, topTracks, topAlbums);
    }

    /// <summary>The tracks of a track, artist or album, or the episodes of a show.</summary>
    private static async Task<(ItemKind Kind, List<int> Ids)> PartsAsync(DashboardDbContext db, DetailKind kind, int id,
        CancellationToken cancellationToken) => kind switch
    {
        DetailKind.Track => (ItemKind.Track, [id]),
        DetailKind.Artist =>
            (ItemKind.Track,
                await db.TrackArtists.Where(ta => ta.ArtistId == id).Select(ta => ta.TrackId)
                    .ToListAsync(cancellationToken)),
        DetailKind.Album =>
            (ItemKind.Track,
                await db.Tracks.Where(t => t.AlbumId == id).Select(t => t.Id).ToListAsync(cancellationToken)),
        DetailKind.Show =>
            (ItemKind.Episode,
                await db.Episodes.Where(e => e.ShowId == id).Select(e => e.Id).ToListAsync(cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static List<NamedCount> Shares(IEnumerable<(string Name, int Plays)> counts)
    {
        var list = counts.ToList();
        var total = list.Sum(c => c.Plays);
        return list.Where(c => c.Plays > 0)
            .OrderByDescending(c => c.Plays).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new NamedCount(c.Name, c.Plays, total == 0 ? 0 : (double)c.Plays / total))
            .ToList();
    }

    private static async Task<About> AboutAsync(DashboardDbContext db, DetailKind kind, int id,
        CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case DetailKind.Track:
                var track = await db.Tracks.AsNoTracking().Include(t => t.Album).Include(t => t.Artists)
                    .ThenInclude(ta => ta.Artist)
                    .SingleAsync(t => t.Id == id, cancellationToken);
                return new About(track.Name, track.Album?.ImageUrl,
                    track.SpotifyId is { } trackId ? $"spotify:track:{trackId}" : null,
                    string.Join(", ", track.Artists.OrderBy(a => a.Position).Select(a => a.Artist!.Name)),
                    track.Artists.OrderBy(a => a.Position).Select(a => new LinkedItem(a.ArtistId, a.Artist!.Name))
                    .ToList(),
                    track.Album is { } album ? new LinkedItem(album.Id, album.Name) : null, track.DurationMs,
                    track.Album?.ReleaseDate);
            case DetailKind.Artist:
                var artist = await db.Artists.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
                return new About(artist.Name, artist.ImageUrl,
                    artist.SpotifyId is { } artistId ? $"spotify:artist:{artistId}" : null,
                    artist.Genres, [], null, null, null);
            case DetailKind.Album:
                var albumRow = await db.Albums.AsNoTracking().Include(a => a.PrimaryArtist)
                    .SingleAsync(a => a.Id == id, cancellationToken);
                return new About(albumRow.Name, albumRow.ImageUrl,
                    albumRow.SpotifyId is { } albumId ? $"spotify:album:{albumId}" : null,
                    albumRow.PrimaryArtist?.Name,
                    albumRow.PrimaryArtist is { } primary ? [new LinkedItem(primary.Id, primary.Name)] : [],
                    null, null, albumRow.ReleaseDate);
            case DetailKind.Show:
                var show = await db.Shows.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
                return new About(show.Name, show.ImageUrl,
                    show.SpotifyId is { } showId ? $"spotify:show:{showId}" : null,
                    show.Publisher, [], null, null, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private sealed record About(string Name, string? Image, string? Uri, string? Subtitle,
        IReadOnlyList<LinkedItem> Artists,
        LinkedItem? Album, int? Duration, string? Released);
}
