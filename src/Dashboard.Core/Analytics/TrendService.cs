using System.Globalization;
using Dashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>How finely a trend is bucketed.</summary>
public enum Granularity
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A trend request. Breakdowns have two levels: split by <see cref="Breakdown"/>, optionally keep
/// only <see cref="Filter"/> of it and split again by <see cref="Breakdown2"/> (optionally keeping only
/// <see cref="Filter2"/>).
/// </summary>
public sealed record TrendQuery(
    PeriodSelection Selection,
    Granularity? Granularity = null,
    Dimension? Breakdown = null,
    string? Filter = null,
    Dimension? Breakdown2 = null,
    string? Filter2 = null);

/// <summary>One bucket: a day (<c>2025-01-15</c>), an ISO week (<c>2025-W03</c>) or a month (<c>2025-01</c>).</summary>
public sealed record TrendPoint(string Label, DateOnly Start, int Plays, long ListeningMs);

/// <summary>The trend of one value of the breakdown dimension.</summary>
public sealed record TrendSeries(string Value, IReadOnlyList<TrendPoint> Points);

/// <summary>One value's share of the period: the aggregate table beside the stacked series.</summary>
public sealed record BreakdownRow(string Value, int Plays, long ListeningMs, double Share, long AveragePlayMs);

public sealed record Trend(
    TrendQuery Query,
    DayRange Range,
    Granularity Granularity,
    IReadOnlyList<TrendPoint> Points,
    Dimension? SplitBy,
    IReadOnlyList<TrendSeries> Series,
    IReadOnlyList<BreakdownRow> Table)
{
    public bool IsEmpty => Points.All(p => p.Plays == 0);

    /// <summary>The days of a bucket: one, seven, or its month's.</summary>
    public int BucketDays(TrendPoint point) => Granularity switch
    {
        Granularity.Day => 1,
        Granularity.Week => 7,
        _ => DateTime.DaysInMonth(point.Start.Year, point.Start.Month),
    };

    /// <summary>
    /// The days of a bucket the range holds: fewer than <see cref="BucketDays"/> for a first or last week or month that
    /// the range cuts, whose figures cover only those days.
    /// </summary>
    public int DaysInRange(TrendPoint point)
    {
        var last = point.Start.AddDays(BucketDays(point) - 1);
        var from = point.Start > Range.From ? point.Start : Range.From;
        var to = last < Range.To ? last : Range.To;
        return Math.Max(0, to.DayNumber - from.DayNumber + 1);
    }

    /// <summary>Whether the range holds only some of a bucket's days.</summary>
    public bool IsPartial(TrendPoint point) => DaysInRange(point) < BucketDays(point);
}

/// <summary>
/// A granularity too fine for the range asked: more buckets than a trend holds. <see cref="Coarser"/> are the ones
/// that fit.
/// </summary>
public sealed class GranularityTooFineException(Granularity granularity, int days, IReadOnlyList<Granularity> coarser)
    : Exception(
        $"{TrendService.Key(granularity)} covers at most " +
        $"{TrendService.LongestRange(granularity)!.Value.ToString("N0", CultureInfo.InvariantCulture)} days, " +
        $"and this range has {days.ToString("N0", CultureInfo.InvariantCulture)}: " +
        $"use {string.Join(" or ", coarser.Select(TrendService.Key))}")
{
    public Granularity Granularity { get; } = granularity;
    public int Days { get; } = days;
    public IReadOnlyList<Granularity> Coarser { get; } = coarser;
}

/// <summary>
/// Plays and listening time over time, with breakdowns, from the daily rollups. Every answer is bounded: days by the
/// day for at most a leap year, weeks for at most ten years, months for any range; the series of the
/// <see cref="MaxSeries"/> values with the most plays, and a table of at most <see cref="MaxTableRows"/> values.
/// </summary>
public class TrendService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How many values of the split dimension get a series of their own: those with the most plays.</summary>
    public const int MaxSeries = 10;

    /// <summary>How many values of the split dimension the table lists: those with the most plays.</summary>
    public const int MaxTableRows = 200;

    /// <summary>
    /// The longest range, in days, a granularity may bucket; null for months, which fit any accepted range.
    /// </summary>
    public static int? LongestRange(Granularity granularity) => granularity switch
    {
        Granularity.Day => 366,
        Granularity.Week => 3_653,
        _ => null,
    };

    /// <summary>How a granularity is named in addresses and the API.</summary>
    public static string Key(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <exception cref="GranularityTooFineException">The granularity asked for would make too many buckets for the
    /// range.</exception>
    public virtual async Task<Trend> GetAsync(int userId, TrendQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await QueryUser.LoadAsync(db, userId, cancellationToken);
        var range = await user.ResolveAsync(db, query.Selection, clock, cancellationToken);
        var granularity = query.Granularity ?? DefaultGranularity(query.Selection.Period, range);
        if (LongestRange(granularity) is { } longest && range.Days > longest)
        {
            throw new GranularityTooFineException(granularity, range.Days,
                [.. Enum.GetValues<Granularity>()
                .Where(g => g > granularity && (LongestRange(g) ?? int.MaxValue) >= range.Days)]);
        }
        var buckets = Buckets(range, granularity);

        // With a value kept, the split is by the second dimension; without one, by the first.
        var splitBy = query.Filter is not null ? query.Breakdown2 : query.Breakdown;
        var days = query is { Filter: null, Filter2: null }
            ? await DaysByAsync(db, userId, range, splitBy ?? Dimension.ContentType, cancellationToken)
            : await FilteredDaysAsync(db, userId, range, query, splitBy ?? Dimension.ContentType, cancellationToken);

        var points = Points(buckets, granularity, days);
        if (splitBy is null)
        {
            return new Trend(query, range, granularity, points, null, [], []);
        }
        var total = days.Sum(d => d.Plays);
        var table = days.GroupBy(d => d.Value)
            .Select(g => new BreakdownRow(g.Key, g.Sum(d => d.Plays), g.Sum(d => d.MsPlayed),
                total == 0 ? 0 : (double)g.Sum(d => d.Plays) / total,
                g.Sum(d => d.Plays) == 0 ? 0 : g.Sum(d => d.MsPlayed) / g.Sum(d => d.Plays)))
            .Where(r => r.Plays > 0)
            .OrderByDescending(r => r.Plays).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Take(MaxTableRows)
            .ToList();
        // The rest of the plays are the difference between the totals and the series.
        var byValue = days.ToLookup(d => d.Value);
        var series = table.Take(MaxSeries)
            .Select(row => new TrendSeries(row.Value, Points(buckets, granularity, byValue[row.Value]))).ToList();
        return new Trend(query, range, granularity, points, splitBy, series, table);
    }

    /// <summary>One dimension's values per day, from the narrow rollup: a few rows a day.</summary>
    private static Task<List<DimensionDay>> DaysByAsync(DashboardDbContext db, int userId, DayRange range,
        Dimension dimension,
        CancellationToken cancellationToken) =>
        db.DimensionRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.Dimension == dimension && r.LocalDate >= range.From
                && r.LocalDate <= range.To)
            .Select(r => new DimensionDay(r.LocalDate, r.Value, r.Plays, r.MsPlayed, r.AllPlays))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// With a value kept, from the rollup that keeps every combination of dimensions, filtered first.
    /// </summary>
    private static async Task<List<DimensionDay>> FilteredDaysAsync(DashboardDbContext db, int userId, DayRange range,
        TrendQuery query,
        Dimension splitBy, CancellationToken cancellationToken)
    {
        var rows = db.DailyRollups.AsNoTracking()
            .Where(r => r.UserId == userId && r.LocalDate >= range.From && r.LocalDate <= range.To);
        if (query is { Breakdown: { } first, Filter: { } value })
        {
            rows = rows.Where(first, value);
        }
        if (query is { Breakdown2: { } second, Filter2: { } value2 })
        {
            rows = rows.Where(second, value2);
        }
        return await rows.ByDayAsync(splitBy, cancellationToken);
    }

    /// <summary>
    /// Buckets unless asked otherwise: daily for a week or a month, weekly for a quarter, monthly beyond.
    /// </summary>
    public static Granularity DefaultGranularity(Period period, DayRange range) => period switch
    {
        Period.Week or Period.Month => Granularity.Day,
        Period.Quarter => Granularity.Week,
        Period.Year or Period.AllTime => Granularity.Month,
        _ => range.Days <= 31 ? Granularity.Day : range.Days <= 180 ? Granularity.Week : Granularity.Month,
    };

    /// <summary>
    /// The first day of the bucket a day falls in: the day, its ISO week's Monday, or its month's 1st.
    /// </summary>
    public static DateOnly BucketStart(DateOnly day, Granularity granularity) => granularity switch
    {
        Granularity.Day => day,
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };

    public static string Label(DateOnly start, Granularity granularity) => granularity switch
    {
        Granularity.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Granularity.Week => WeekLabel(start.ToDateTime(TimeOnly.MinValue)),
        Granularity.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, null),
    };

    private static string WeekLabel(DateTime start) => $"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):00}";

    private static List<DateOnly> Buckets(DayRange range, Granularity granularity) =>
        range.EachDay().Select(day => BucketStart(day, granularity)).Distinct().ToList();

    /// <summary>Every bucket of the range, zero where nothing was played.</summary>
    private static List<TrendPoint> Points(List<DateOnly> buckets, Granularity granularity,
        IEnumerable<DimensionDay> days)
    {
        var totals = days.GroupBy(d => BucketStart(d.Date, granularity))
            .ToDictionary(g => g.Key, g => (Plays: g.Sum(d => d.Plays), Ms: g.Sum(d => d.MsPlayed)));
        return buckets.Select(start => totals.TryGetValue(start, out var t)
                ? new TrendPoint(Label(start, granularity), start, t.Plays, t.Ms)
                : new TrendPoint(Label(start, granularity), start, 0, 0))
            .ToList();
    }
}
