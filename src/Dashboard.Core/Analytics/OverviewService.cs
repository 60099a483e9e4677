using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

public sealed record ListeningOverview(
    Period Period,
    DateRange Range,
    int Plays,
    long ListeningMs,
    int UniqueTracks,
    int UniqueArtists,
    IReadOnlyList<RankedItem> TopTracks,
    IReadOnlyList<RankedItem> TopArtists,
    IReadOnlyList<DayTotal> PlaysPerDay)
{
    public bool IsEmpty => Plays == 0;
}

/// <summary>A place in a top list. <see cref="Detail"/> is the artist for a track.</summary>
public sealed record RankedItem(int Rank, int Id, string Name, string? Detail, string? ImageUrl, int Plays, long ListeningMs);

public sealed record DayTotal(DateOnly Date, int Plays, long ListeningMs);

/// <summary>The figures of the Overview page, aggregated in SQL.</summary>
public class OverviewService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private const int TopCount = 5;

    public virtual async Task<ListeningOverview> GetAsync(int userId, Period period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listener = await Listener.LoadAsync(db, userId, cancellationToken);
        var range = await listener.ResolveAsync(db, period, clock, cancellationToken);
        var plays = listener.CountedPlays(db, range);
        var trackPlays = plays.Where(p => p.TrackId != null);
        var artistPlays = trackPlays.Join(db.TrackArtists, p => p.TrackId!.Value, credit => credit.TrackId,
            (p, credit) => new { credit.ArtistId, p.MsPlayed });

        // Grouping by the user id (a single group) plans better on SQLite than grouping by a constant.
        var totals = await plays.GroupBy(p => p.UserId)
            .Select(g => new { Plays = g.Count(), Ms = g.Sum(p => (long)p.MsPlayed) })
            .SingleOrDefaultAsync(cancellationToken);
        var uniqueTracks = await trackPlays.Select(p => p.TrackId).Distinct().CountAsync(cancellationToken);
        var uniqueArtists = await artistPlays.Select(x => x.ArtistId).Distinct().CountAsync(cancellationToken);

        var topTracks = await trackPlays
            .GroupBy(p => p.TrackId!.Value)
            .Select(g => new { Id = g.Key, Plays = g.Count(), Ms = g.Sum(p => (long)p.MsPlayed) })
            .OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Take(TopCount)
            .Join(db.Tracks, x => x.Id, t => t.Id, (x, t) => new
            {
                x.Id, x.Plays, x.Ms, t.Name, Artist = t.PrimaryArtist!.Name, Image = t.Album!.ImageUrl,
            })
            .ToListAsync(cancellationToken);

        var topArtists = await artistPlays
            .GroupBy(x => x.ArtistId)
            .Select(g => new { Id = g.Key, Plays = g.Count(), Ms = g.Sum(x => (long)x.MsPlayed) })
            .OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Take(TopCount)
            .Join(db.Artists, x => x.Id, a => a.Id, (x, a) => new { x.Id, x.Plays, x.Ms, a.Name, a.ImageUrl })
            .ToListAsync(cancellationToken);

        var days = await plays.GroupBy(p => p.LocalDate)
            .Select(g => new DayTotal(g.Key, g.Count(), g.Sum(p => (long)p.MsPlayed)))
            .ToDictionaryAsync(d => d.Date, cancellationToken);

        return new ListeningOverview(
            period,
            range,
            totals?.Plays ?? 0,
            totals?.Ms ?? 0,
            uniqueTracks,
            uniqueArtists,
            Rank(topTracks.Select(t => (t.Id, t.Plays, t.Ms, t.Name, (string?)t.Artist, t.Image))),
            Rank(topArtists.Select(a => (a.Id, a.Plays, a.Ms, a.Name, (string?)null, a.ImageUrl))),
            EveryDay(range, days));
    }

    /// <summary>Ranks by plays, then listening time, then id, so that ties always come out the same way.</summary>
    private static List<RankedItem> Rank(
        IEnumerable<(int Id, int Plays, long Ms, string Name, string? Detail, string? Image)> items) =>
        items.OrderByDescending(x => x.Plays).ThenByDescending(x => x.Ms).ThenBy(x => x.Id)
            .Select((x, index) => new RankedItem(index + 1, x.Id, x.Name, x.Detail, x.Image, x.Plays, x.Ms))
            .ToList();

    /// <summary>One entry per day of the range, zero where nothing was played.</summary>
    private static List<DayTotal> EveryDay(DateRange range, Dictionary<DateOnly, DayTotal> days) =>
        Enumerable.Range(0, range.Days)
            .Select(offset => range.From.AddDays(offset))
            .Select(day => days.GetValueOrDefault(day) ?? new DayTotal(day, 0, 0))
            .ToList();
}
