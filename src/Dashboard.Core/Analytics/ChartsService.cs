using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>A place in a weekly chart, with its history as public charts show it.</summary>
/// <param name="PreviousPosition">Last week's position, or null when it was not on last week's chart.</param>
/// <param name="Peak">The best position it reached up to this week.</param>
/// <param name="WeeksOnChart">Weeks on the chart up to and including this one.</param>
public sealed record ChartLine(int Position, int? PreviousPosition, int Peak, int WeeksOnChart, Movement Movement,
    RankedItem Item);

public sealed record WeeklyChart(ChartKind Kind, DateOnly WeekStart, int Length, IReadOnlyList<ChartLine> Lines,
    DateOnly? PreviousWeek, DateOnly? NextWeek, DateOnly? LatestWeek)
{
    public DateOnly WeekEnd => WeekStart.AddDays(6);
}

/// <summary>
/// Personal weekly charts: each Monday-to-Sunday local week's most played tracks or artists, with previous
/// position, peak and weeks on chart, like public charts.
/// </summary>
public class ChartsService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const int DefaultLength = 20;

    /// <summary>The first week a chart can have: the one holding the first accepted day.</summary>
    public static readonly DateOnly FirstWeek = TrendService.BucketStart(AcceptedDates.First, Granularity.Week);

    /// <param name="week">Any day of the wanted week (a day outside <see cref="AcceptedDates"/> is taken as the nearest
    /// accepted one); null for the latest week with plays.</param>
    /// <param name="length">How many places the chart has (1-100): what "on the chart" means.</param>
    public virtual async Task<WeeklyChart> GetAsync(int userId, ChartKind kind, DateOnly? week, int length,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        // Weeks of accepted days only, so that the week before and the week's end stay in the calendar.
        var entries = db.WeeklyCharts.AsNoTracking()
            .Where(e => e.UserId == userId && e.Chart == kind && e.Position <= length
                                                                 && e.WeekStart >= FirstWeek
                                                                     && e.WeekStart <= AcceptedDates.Last);
        var latest = await entries.MaxAsync(e => (DateOnly?)e.WeekStart, cancellationToken);
        var start = TrendService.BucketStart(AcceptedDates.Clamp(week ?? latest ?? user.Today(clock)),
            Granularity.Week);

        var lines = await entries.Where(e => e.WeekStart == start).OrderBy(e => e.Position)
            .ToListAsync(cancellationToken);
        var ids = lines.Select(l => l.ItemId).ToList();
        // Every week each of these items charted, up to this one: previous position, peak, weeks on chart.
        var history = (await entries.Where(e => ids.Contains(e.ItemId) && e.WeekStart <= start)
                .Select(e => new { e.ItemId, e.WeekStart, e.Position })
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.ItemId);
        var lastWeek = start.AddDays(-7);
        var names = await NamesAsync(db, kind, ids, cancellationToken);

        var chart = lines.Select(line =>
        {
            var weeks = history[line.ItemId].ToList();
            var previous = weeks.FirstOrDefault(w => w.WeekStart == lastWeek)?.Position;
            var movement = previous is { } p
                ? p > line.Position ? Movement.Up : p < line.Position ? Movement.Down : Movement.Same
                : weeks.Count > 1 ? Movement.ReEntry : Movement.New;
            var name = names.GetValueOrDefault(line.ItemId) ?? new Named("Unknown", null, null, null);
            return new ChartLine(line.Position, previous, weeks.Min(w => w.Position), weeks.Count, movement,
                new RankedItem(line.Position, line.ItemId, name.Name, name.Detail, name.Image, line.Plays,
                line.MsPlayed, name.SpotifyId));
        }).ToList();

        var before = await entries.Where(e => e.WeekStart < start)
            .MaxAsync(e => (DateOnly?)e.WeekStart, cancellationToken);
        var after = await entries.Where(e => e.WeekStart > start)
            .MinAsync(e => (DateOnly?)e.WeekStart, cancellationToken);
        return new WeeklyChart(kind, start, length, chart, before, after, latest);
    }

    private static async Task<Dictionary<int, Named>> NamesAsync(DashboardDbContext db, ChartKind kind, List<int> ids,
        CancellationToken cancellationToken) =>
        kind == ChartKind.Tracks
            ? await db.Tracks.AsNoTracking().Where(t => ids.Contains(t.Id))
                .Select(t =>
                    new { t.Id, Named = new Named(t.Name, t.PrimaryArtist!.Name, t.Album!.ImageUrl, t.SpotifyId) })
                .ToDictionaryAsync(x => x.Id, x => x.Named, cancellationToken)
            : await db.Artists.AsNoTracking().Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, Named = new Named(a.Name, null, a.ImageUrl, a.SpotifyId) })
                .ToDictionaryAsync(x => x.Id, x => x.Named, cancellationToken);

    private sealed record Named(string Name, string? Detail, string? Image, string? SpotifyId);
}
