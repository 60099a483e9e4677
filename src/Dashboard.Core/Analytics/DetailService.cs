using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
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
public class DetailService(IDbContextFactory<DashboardDbContext> dbFactory, RollupService rollups)
{
    private const int TopCount = 10;

    /// <summary>The item as this user listened to it; null when it does not exist or the user never played it.</summary>
    public virtual async Task<ItemDetail?> GetAsync(int userId, DetailKind kind, int id, CancellationToken cancellationToken)
    {
        await rollups.EnsureChartsAsync(userId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var allPlays = await ItemPlaysAsync(db, userId, kind, id, cancellationToken);
        var totals = await allPlays.GroupBy(p => p.UserId).Select(g => new
            {
                Plays = g.Count(p => p.Counted),
                Ms = g.Sum(p => p.Counted ? (long)p.MsPlayed : 0),
                All = g.Count(),
                Skips = g.Count(p => p.Skipped == true || (p.Skipped == null && p.ReasonEnd == "fwdbtn")),
                Completed = g.Count(p => p.ReasonEnd == "trackdone"),
                WithReason = g.Count(p => p.ReasonEnd != null),
                First = g.Min(p => p.PlayedAt),
                Last = g.Max(p => p.PlayedAt),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (totals is null)
        {
            return null;
        }

        var user = await db.HourlyRollups.Where(r => r.UserId == userId).GroupBy(r => r.UserId)
            .Select(g => new { Plays = g.Sum(r => r.Plays), Ms = g.Sum(r => r.MsPlayed) })
            .SingleOrDefaultAsync(cancellationToken);
        var counted = allPlays.Where(p => p.Counted);
        var months = await counted.GroupBy(p => p.LocalDate)
            .Select(g => new { Date = g.Key, Plays = g.Count(), Ms = g.Sum(p => (long)p.MsPlayed) })
            .ToListAsync(cancellationToken);
        var overTime = months.GroupBy(m => TrendService.BucketStart(m.Date, Granularity.Month))
            .OrderBy(g => g.Key)
            .Select(g => new TrendPoint(TrendService.Label(g.Key, Granularity.Month), g.Key, g.Sum(m => m.Plays), g.Sum(m => m.Ms)))
            .ToList();
        var platforms = Shares((await counted.GroupBy(p => p.Platform).Select(g => new { g.Key, Plays = g.Count() })
            .ToListAsync(cancellationToken)).Select(x => (x.Key, x.Plays)));
        var countries = Shares((await counted.GroupBy(p => p.Country).Select(g => new { g.Key, Plays = g.Count() })
            .ToListAsync(cancellationToken)).Select(x => (x.Key, x.Plays)));

        var chartKind = kind switch { DetailKind.Track => ChartKind.Tracks, DetailKind.Artist => ChartKind.Artists, _ => (ChartKind?)null };
        var chartHistory = chartKind is { } chart
            ? await db.WeeklyCharts.AsNoTracking()
                .Where(e => e.UserId == userId && e.Chart == chart && e.ItemId == id && e.Position <= ChartsService.DefaultLength)
                .OrderBy(e => e.WeekStart)
                .Select(e => new ChartPosition(e.WeekStart, e.Position))
                .ToListAsync(cancellationToken)
            : [];

        var trackStats = counted.Where(p => p.TrackId != null).GroupBy(p => p.TrackId!.Value)
            .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) });
        var topTracks = kind switch
        {
            DetailKind.Artist or DetailKind.Album => await RankedItems.TracksAsync(db, trackStats, TopCount, cancellationToken),
            DetailKind.Show => await RankedItems.EpisodesAsync(db,
                counted.Where(p => p.EpisodeId != null).GroupBy(p => p.EpisodeId!.Value)
                    .Select(g => new ItemStat { ItemId = g.Key, Plays = g.Count(), MsPlayed = g.Sum(p => (long)p.MsPlayed) }),
                TopCount, cancellationToken),
            _ => [],
        };
        var topAlbums = kind == DetailKind.Artist ? await RankedItems.AlbumsAsync(db, ItemStats.Albums(db, trackStats), TopCount, cancellationToken) : [];

        var about = await AboutAsync(db, kind, id, cancellationToken);
        return new ItemDetail(kind, id, about.Name, about.Image, about.Uri, about.Subtitle, about.Artists, about.Album, about.Duration,
            about.Released, totals.Plays, totals.Ms, totals.All, totals.Skips,
            totals.WithReason == 0 ? null : (double)totals.Completed / totals.WithReason,
            totals.First, totals.Last,
            user is { Plays: > 0 } ? (double)totals.Plays / user.Plays : 0,
            user is { Ms: > 0 } ? (double)totals.Ms / user.Ms : 0,
            overTime, chartHistory, platforms, countries, topTracks, topAlbums);
    }

    /// <summary>
    /// Every play of the item by the user, counted or not. For an artist, album or show its tracks or episodes
    /// are looked up first: a handful of ids the plays' (user, track) index finds at once, where a subquery per
    /// play would read the user's whole history, once per figure.
    /// </summary>
    private static async Task<IQueryable<Play>> ItemPlaysAsync(DashboardDbContext db, int userId, DetailKind kind, int id,
        CancellationToken cancellationToken)
    {
        var plays = db.Plays.AsNoTracking().Where(p => p.UserId == userId);
        switch (kind)
        {
            case DetailKind.Track:
                return plays.Where(p => p.TrackId == id);
            case DetailKind.Artist:
                var artistTracks = await db.TrackArtists.Where(ta => ta.ArtistId == id).Select(ta => (int?)ta.TrackId).Distinct()
                    .ToListAsync(cancellationToken);
                return plays.Where(p => artistTracks.Contains(p.TrackId));
            case DetailKind.Album:
                var albumTracks = await db.Tracks.Where(t => t.AlbumId == id).Select(t => (int?)t.Id).ToListAsync(cancellationToken);
                return plays.Where(p => albumTracks.Contains(p.TrackId));
            case DetailKind.Show:
                var episodes = await db.Episodes.Where(e => e.ShowId == id).Select(e => (int?)e.Id).ToListAsync(cancellationToken);
                return plays.Where(p => episodes.Contains(p.EpisodeId));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static List<NamedCount> Shares(IEnumerable<(string? Name, int Plays)> counts)
    {
        var list = counts.ToList();
        var total = list.Sum(c => c.Plays);
        return list.Where(c => c.Plays > 0)
            .OrderByDescending(c => c.Plays).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new NamedCount(c.Name ?? Dimensions.Unknown, c.Plays, total == 0 ? 0 : (double)c.Plays / total))
            .ToList();
    }

    private static async Task<About> AboutAsync(DashboardDbContext db, DetailKind kind, int id, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case DetailKind.Track:
                var track = await db.Tracks.AsNoTracking().Include(t => t.Album).Include(t => t.Artists).ThenInclude(ta => ta.Artist)
                    .SingleAsync(t => t.Id == id, cancellationToken);
                return new About(track.Name, track.Album?.ImageUrl, track.SpotifyId is { } trackId ? $"spotify:track:{trackId}" : null,
                    string.Join(", ", track.Artists.OrderBy(a => a.Position).Select(a => a.Artist!.Name)),
                    track.Artists.OrderBy(a => a.Position).Select(a => new LinkedItem(a.ArtistId, a.Artist!.Name)).ToList(),
                    track.Album is { } album ? new LinkedItem(album.Id, album.Name) : null, track.DurationMs, track.Album?.ReleaseDate);
            case DetailKind.Artist:
                var artist = await db.Artists.AsNoTracking().SingleAsync(a => a.Id == id, cancellationToken);
                return new About(artist.Name, artist.ImageUrl, artist.SpotifyId is { } artistId ? $"spotify:artist:{artistId}" : null,
                    artist.Genres, [], null, null, null);
            case DetailKind.Album:
                var albumRow = await db.Albums.AsNoTracking().Include(a => a.PrimaryArtist).SingleAsync(a => a.Id == id, cancellationToken);
                return new About(albumRow.Name, albumRow.ImageUrl, albumRow.SpotifyId is { } albumId ? $"spotify:album:{albumId}" : null,
                    albumRow.PrimaryArtist?.Name,
                    albumRow.PrimaryArtist is { } primary ? [new LinkedItem(primary.Id, primary.Name)] : [],
                    null, null, albumRow.ReleaseDate);
            case DetailKind.Show:
                var show = await db.Shows.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
                return new About(show.Name, show.ImageUrl, show.SpotifyId is { } showId ? $"spotify:show:{showId}" : null,
                    show.Publisher, [], null, null, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private sealed record About(string Name, string? Image, string? Uri, string? Subtitle, IReadOnlyList<LinkedItem> Artists,
        LinkedItem? Album, int? Duration, string? Released);
}
