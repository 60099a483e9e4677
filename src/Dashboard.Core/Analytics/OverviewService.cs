using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>The headline figures of a range of days.</summary>
public sealed record Headline(int Plays, long ListeningMs, int UniqueTracks, int UniqueArtists, int UniqueAlbums, int ListeningDays,
    double PlaysPerDay);

/// <summary>Runs of consecutive days with plays. The current one ends today (or yesterday, as today is not over).</summary>
public sealed record Streaks(int Current, int Longest, DayRange? LongestRange);

public sealed record DayTotal(DateOnly Date, int Plays, long ListeningMs);

/// <summary>Plays in one hour of one weekday (ISO weekday 1 = Monday).</summary>
public sealed record ClockCell(int Weekday, int Hour, int Plays);

public sealed record ContentShare(ContentType ContentType, int Plays, long ListeningMs);

public sealed record ListeningOverview(
    PeriodSelection Selection,
    DayRange Range,
    Headline Current,
    Headline? Previous,
    Streaks Streaks,
    IReadOnlyList<RankedItem> TopTracks,
    IReadOnlyList<RankedItem> TopArtists,
    IReadOnlyList<RankedItem> TopAlbums,
    IReadOnlyList<DayTotal> PlaysPerDay,
    IReadOnlyList<ClockCell> Clock,
    IReadOnlyList<ContentShare> Content)
{
    public bool IsEmpty => Current.Plays == 0;

    /// <summary>Plays per hour of the day, 0-23.</summary>
    public IReadOnlyList<int> Hourly => Enumerable.Range(0, 24).Select(h => Clock.Where(c => c.Hour == h).Sum(c => c.Plays)).ToList();

    /// <summary>Plays per weekday, Monday first.</summary>
    public IReadOnlyList<int> Weekdays => Enumerable.Range(1, 7).Select(d => Clock.Where(c => c.Weekday == d).Sum(c => c.Plays)).ToList();
}

/// <summary>The figures of the Overview page, read from the rollups (plays only where a range needs them).</summary>
public class OverviewService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private const int TopCount = 5;

    public virtual async Task<ListeningOverview> GetAsync(int userId, PeriodSelection selection, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listener = await Listener.LoadAsync(db, userId, cancellationToken);
        var range = await listener.ResolveAsync(db, selection, clock, cancellationToken);
        var days = await DayTotalsAsync(db, userId, range, cancellationToken);
        var current = await HeadlineAsync(db, listener, range, selection.IsAllTime, days, cancellationToken);
        var previous = selection.IsAllTime
            ? null
            : await HeadlineAsync(db, listener, range.Previous(), allTime: false,
                await DayTotalsAsync(db, userId, range.Previous(), cancellationToken), cancellationToken);

        var tracks = ItemStats.Tracks(db, listener, range, selection.IsAllTime);
        var clockCells = await db.HourlyRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.LocalDate >= range.From && r.LocalDate <= range.To)
            .GroupBy(r => new { r.LocalWeekday, r.LocalHour })
            .Select(g => new ClockCell(g.Key.LocalWeekday, g.Key.LocalHour, g.Sum(r => r.Plays)))
            .ToListAsync(cancellationToken);
        var content = await db.DailyRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.LocalDate >= range.From && r.LocalDate <= range.To)
            .GroupBy(r => r.ContentType)
            .Select(g => new ContentShare(g.Key, g.Sum(r => r.Plays), g.Sum(r => r.MsPlayed)))
            .ToListAsync(cancellationToken);

        return new ListeningOverview(
            selection,
            range,
            current,
            previous,
            await StreaksAsync(db, listener, range, days, cancellationToken),
            await RankedItems.TracksAsync(db, tracks, TopCount, cancellationToken),
            await RankedItems.ArtistsAsync(db, ItemStats.Artists(db, tracks), TopCount, cancellationToken),
            await RankedItems.AlbumsAsync(db, ItemStats.Albums(db, tracks), TopCount, cancellationToken),
            range.EachDay().Select(day => days.GetValueOrDefault(day) ?? new DayTotal(day, 0, 0)).ToList(),
            clockCells.OrderBy(c => c.Weekday).ThenBy(c => c.Hour).ToList(),
            content.Where(c => c.Plays > 0).OrderByDescending(c => c.Plays).ToList());
    }

    /// <summary>Counted plays and time per local day, for the days that have any.</summary>
    private static async Task<Dictionary<DateOnly, DayTotal>> DayTotalsAsync(DashboardDbContext db, int userId, DayRange range,
        CancellationToken cancellationToken) =>
        await db.HourlyRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.LocalDate >= range.From && r.LocalDate <= range.To)
            .GroupBy(r => r.LocalDate)
            .Select(g => new DayTotal(g.Key, g.Sum(r => r.Plays), g.Sum(r => r.MsPlayed)))
            .ToDictionaryAsync(d => d.Date, cancellationToken);

    private static async Task<Headline> HeadlineAsync(DashboardDbContext db, Listener listener, DayRange range, bool allTime,
        Dictionary<DateOnly, DayTotal> days, CancellationToken cancellationToken)
    {
        var tracks = ItemStats.Tracks(db, listener, range, allTime);
        var plays = days.Values.Sum(d => d.Plays);
        return new Headline(
            plays,
            days.Values.Sum(d => d.ListeningMs),
            await tracks.CountAsync(cancellationToken),
            await ItemStats.Artists(db, tracks).CountAsync(cancellationToken),
            await ItemStats.Albums(db, tracks).CountAsync(cancellationToken),
            days.Count,
            Math.Round((double)plays / range.Days, 1));
    }

    private async Task<Streaks> StreaksAsync(DashboardDbContext db, Listener listener, DayRange range,
        Dictionary<DateOnly, DayTotal> days, CancellationToken cancellationToken)
    {
        // The current streak may have begun before the range, so it is read from every day played.
        var played = (await db.HourlyRollups.AsNoTracking()
                .Where(r => r.UserId == listener.UserId)
                .Select(r => r.LocalDate).Distinct()
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var today = listener.Today(clock);
        var day = played.Contains(today) ? today : today.AddDays(-1);
        var current = 0;
        while (played.Contains(day))
        {
            current++;
            day = day.AddDays(-1);
        }

        var longest = 0;
        DayRange? longestRange = null;
        var run = 0;
        foreach (var date in range.EachDay())
        {
            run = days.ContainsKey(date) ? run + 1 : 0;
            if (run > longest)
            {
                longest = run;
                longestRange = new DayRange(date.AddDays(1 - run), date);
            }
        }
        return new Streaks(current, longest, longestRange);
    }
}
