using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>The headline figures of a range of days.</summary>
public sealed record Headline(int Plays, long ListeningMs, int UniqueTracks, int UniqueArtists, int UniqueAlbums,
    int ListeningDays,
    double PlaysPerDay);

/// <summary>
/// Runs of consecutive days with plays. <see cref="Current"/> is the run on the last day of the range, which may have
/// begun before it: for a range that ends today, the current streak (to yesterday while today has no play yet, as
/// today is not over); for a range that ends before today, the streak as it stood on <see cref="AsOf"/>, its last day,
/// since today's streak says nothing of those days. <see cref="Longest"/> is the longest within the range.
/// </summary>
public sealed record Streaks(int Current, int Longest, DayRange? LongestRange, DateOnly? AsOf = null);

public sealed record DayTotal(DateOnly Date, int Plays, long ListeningMs);

/// <summary>Plays in one hour of one weekday (ISO weekday 1 = Monday).</summary>
public sealed record ClockCell(int Weekday, int Hour, int Plays);

public sealed record ContentShare(ContentType ContentType, int Plays, long ListeningMs);

/// <summary>The Overview's figures: they count the plays the listener's play-count rule (<c>Rule</c>) counts.</summary>
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
    IReadOnlyList<ContentShare> Content,
    PlayCountRule Rule = PlayCountRule.AtLeast30Seconds)
{
    public bool IsEmpty => Current.Plays == 0;

    /// <summary>Plays per hour of the day, 0-23.</summary>
    public IReadOnlyList<int> Hourly =>
        Enumerable.Range(0, 24).Select(h => Clock.Where(c => c.Hour == h).Sum(c => c.Plays)).ToList();

    /// <summary>Plays per weekday, Monday first.</summary>
    public IReadOnlyList<int> Weekdays =>
        Enumerable.Range(1, 7).Select(d => Clock.Where(c => c.Weekday == d).Sum(c => c.Plays)).ToList();
}

/// <summary>The figures of the Overview page, read from the rollups (plays only where a range needs them).</summary>
public class OverviewService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private const int TopCount = 5;

    public virtual async Task<ListeningOverview> GetAsync(int userId, PeriodSelection selection,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var range = await user.ResolveAsync(db, selection, clock, cancellationToken);
        var previousRange = range.Previous();
        var contentDays = await ContentDaysAsync(db, userId,
            selection.IsAllTime ? range : new DayRange(previousRange.From, range.To),
            cancellationToken);
        var days = DayTotals(contentDays, range);

        Headline current;
        Headline? previous = null;
        List<RankedItem> topTracks, topArtists, topAlbums;
        if (selection.IsAllTime)
        {
            var counts = await db.ItemTotals.AsNoTracking()
                .Where(t => t.UserId == userId && t.Plays > 0)
                .GroupBy(t => t.Kind)
                .Select(g => new { Kind = g.Key, Count = g.Count() })
                .ToDictionaryAsync(c => c.Kind, c => c.Count, cancellationToken);
            current = HeadlineOf(range, days, counts.GetValueOrDefault(ItemKind.Track),
                counts.GetValueOrDefault(ItemKind.Artist),
                counts.GetValueOrDefault(ItemKind.Album));
            topTracks = await RankedItems.TracksAsync(db, ItemStats.Totals(db, user, ItemKind.Track), TopCount,
                cancellationToken);
            topArtists = await RankedItems.ArtistsAsync(db, ItemStats.Totals(db, user, ItemKind.Artist), TopCount,
                cancellationToken);
            topAlbums = await RankedItems.AlbumsAsync(db, ItemStats.Totals(db, user, ItemKind.Album), TopCount,
                cancellationToken);
        }
        else
        {
            var items = await ItemStats.InRangeAsync(db, user, range, cancellationToken);
            var before = await ItemStats.InRangeAsync(db, user, previousRange, cancellationToken);
            current = HeadlineOf(range, days, items.Tracks.Count, items.Artists.Count, items.Albums.Count);
            previous = HeadlineOf(previousRange, DayTotals(contentDays, previousRange), before.Tracks.Count,
                before.Artists.Count,
                before.Albums.Count);
            topTracks = await RankedItems.TracksAsync(db, items.Tracks.Top(TopCount), cancellationToken);
            topArtists = await RankedItems.ArtistsAsync(db, items.Artists.Top(TopCount), cancellationToken);
            topAlbums = await RankedItems.AlbumsAsync(db, items.Albums.Top(TopCount), cancellationToken);
        }

        // All time reads the clock's own index, which has no days: the rollups hold no day outside the accepted ones.
        var hours = db.HourlyRollups.AsNoTracking().Where(r => r.UserId == userId);
        if (!selection.IsAllTime)
        {
            hours = hours.Where(r => r.LocalDate >= range.From && r.LocalDate <= range.To);
        }
        var clockCells = await hours
            .GroupBy(r => new { r.LocalWeekday, r.LocalHour })
            .Select(g => new ClockCell(g.Key.LocalWeekday, g.Key.LocalHour, g.Sum(r => r.Plays)))
            .ToListAsync(cancellationToken);
        var content = contentDays.Where(d => range.Contains(d.Date))
            .GroupBy(d => d.Value)
            .Select(g =>
                new ContentShare(Enum.Parse<ContentType>(g.Key, ignoreCase: true), g.Sum(d => d.Plays),
                    g.Sum(d => d.MsPlayed)))
            .Where(c => c.Plays > 0)
            .OrderByDescending(c => c.Plays)
            .ToList();

        return new ListeningOverview(
            selection,
            range,
            current,
            previous,
            await StreaksAsync(db, user, range, days, cancellationToken),
            topTracks,
            topArtists,
            topAlbums,
            range.EachDay().Select(day => days.GetValueOrDefault(day) ?? new DayTotal(day, 0, 0)).ToList(),
            clockCells.OrderBy(c => c.Weekday).ThenBy(c => c.Hour).ToList(),
            content,
            user.Rule);
    }

    /// <summary>
    /// Counted plays and time per local day and content type: a few rows a day, from the narrow rollup.
    /// </summary>
    private static Task<List<DimensionDay>> ContentDaysAsync(DashboardDbContext db, int userId, DayRange range,
        CancellationToken cancellationToken) =>
        db.DimensionRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.Dimension == Dimension.ContentType && r.LocalDate >= range.From
                && r.LocalDate <= range.To)
            .Select(r => new DimensionDay(r.LocalDate, r.Value, r.Plays, r.MsPlayed, r.AllPlays))
            .ToListAsync(cancellationToken);

    /// <summary>The days of <paramref name="range"/> with a play that counts.</summary>
    private static Dictionary<DateOnly, DayTotal> DayTotals(List<DimensionDay> contentDays, DayRange range) =>
        contentDays.Where(d => range.Contains(d.Date))
            .GroupBy(d => d.Date)
            .Select(g => new DayTotal(g.Key, g.Sum(d => d.Plays), g.Sum(d => d.MsPlayed)))
            .Where(d => d.Plays > 0)
            .ToDictionary(d => d.Date);

    private static Headline HeadlineOf(DayRange range, Dictionary<DateOnly, DayTotal> days, int tracks, int artists,
        int albums)
    {
        var plays = days.Values.Sum(d => d.Plays);
        return new Headline(plays, days.Values.Sum(d => d.ListeningMs), tracks, artists, albums, days.Count,
            Math.Round((double)plays / range.Days, 1));
    }

    private async Task<Streaks> StreaksAsync(DashboardDbContext db, QueryUser user, DayRange range,
        Dictionary<DateOnly, DayTotal> days, CancellationToken cancellationToken)
    {
        // The streak on the range's last day may have begun before the range, so it is read from every accepted day
        // played (which also keeps the walk back within the calendar).
        var played = (await db.DimensionRollups.AsNoTracking()
                .Where(r => r.UserId == user.UserId && r.Dimension == Dimension.ContentType && r.Plays > 0
                            && r.LocalDate >= AcceptedDates.First && r.LocalDate <= AcceptedDates.Last)
                .Select(r => r.LocalDate).Distinct()
                .ToListAsync(cancellationToken))
            .ToHashSet();
        var today = AcceptedDates.Clamp(user.Today(clock));
        DateOnly? asOf = range.To < today ? range.To : null;
        var day = asOf ?? (played.Contains(today) ? today : today.AddDays(-1));
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
        return new Streaks(current, longest, longestRange, asOf);
    }
}
