using System.Linq.Expressions;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Analytics;

/// <summary>What a breakdown splits listening by.</summary>
public enum Dimension
{
    Country,
    Platform,
    ReasonStart,
    ReasonEnd,
    Shuffle,
    Skipped,
    Offline,
    Incognito,
    ContentType,
}

/// <summary>
/// Breakdown dimensions over the daily rollups. Values are strings as the API names them: a country code or
/// platform as Spotify wrote it, <c>true</c>/<c>false</c>, a content type in lower case, and <c>unknown</c>
/// where the export left the field empty.
/// </summary>
public static class Dimensions
{
    public const string Unknown = "unknown";

    public static string Key(this Dimension dimension) => dimension switch
    {
        Dimension.ReasonStart => "reason_start",
        Dimension.ReasonEnd => "reason_end",
        Dimension.ContentType => "content_type",
        _ => dimension.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? key, out Dimension dimension)
    {
        foreach (var candidate in Enum.GetValues<Dimension>())
        {
            if (string.Equals(candidate.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                dimension = candidate;
                return true;
            }
        }
        dimension = default;
        return false;
    }

    /// <summary>Keeps the rows whose <paramref name="dimension"/> has <paramref name="value"/>.</summary>
    public static IQueryable<DailyRollup> Where(this IQueryable<DailyRollup> rows, Dimension dimension, string value)
    {
        var known = value != Unknown;
        return dimension switch
        {
            Dimension.Country => known ? rows.Where(r => r.Country == value) : rows.Where(r => r.Country == null),
            Dimension.Platform => known ? rows.Where(r => r.Platform == value) : rows.Where(r => r.Platform == null),
            Dimension.ReasonStart => known ? rows.Where(r => r.ReasonStart == value)
                : rows.Where(r => r.ReasonStart == null),
            Dimension.ReasonEnd => known ? rows.Where(r => r.ReasonEnd == value) : rows.Where(r => r.ReasonEnd == null),
            Dimension.Shuffle => rows.Where(r => r.Shuffle == Flag(value)),
            Dimension.Skipped => rows.Where(r => r.Skipped == Flag(value)),
            Dimension.Offline => rows.Where(r => r.Offline == Flag(value)),
            Dimension.Incognito => rows.Where(r => r.Incognito == Flag(value)),
            Dimension.ContentType => Enum.TryParse<ContentType>(value, ignoreCase: true, out var type)
                ? rows.Where(r => r.ContentType == type)
                : rows.Where(r => false),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
    }

    /// <summary>Counted plays, time and every play per local day and value of <paramref name="dimension"/>.</summary>
    public static async Task<List<DimensionDay>> ByDayAsync(this IQueryable<DailyRollup> rows, Dimension dimension,
        CancellationToken cancellationToken)
    {
        var grouped = dimension switch
        {
            Dimension.Country => await Group(rows, r => r.Country, cancellationToken),
            Dimension.Platform => await Group(rows, r => r.Platform, cancellationToken),
            Dimension.ReasonStart => await Group(rows, r => r.ReasonStart, cancellationToken),
            Dimension.ReasonEnd => await Group(rows, r => r.ReasonEnd, cancellationToken),
            Dimension.Shuffle => await Group(rows, r => r.Shuffle, cancellationToken),
            Dimension.Skipped => await Group(rows, r => r.Skipped, cancellationToken),
            Dimension.Offline => await Group(rows, r => r.Offline, cancellationToken),
            Dimension.Incognito => await Group(rows, r => r.Incognito, cancellationToken),
            Dimension.ContentType => await Group(rows, r => r.ContentType, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
        };
        // Several raw values can name the same one (an empty string and a null are both unknown).
        return grouped.GroupBy(d => (d.Date, d.Value))
            .Select(g =>
                new DimensionDay(g.Key.Date, g.Key.Value, g.Sum(d => d.Plays), g.Sum(d => d.MsPlayed),
                    g.Sum(d => d.AllPlays)))
            .ToList();
    }

    private static async Task<List<DimensionDay>> Group<T>(IQueryable<DailyRollup> rows,
        Expression<Func<DailyRollup, T>> value,
        CancellationToken cancellationToken)
    {
        var keyed = await rows.Select(Keyed(value))
            .GroupBy(k => new { k.Date, k.Value })
            .Select(g =>
                new { g.Key.Date, g.Key.Value, Plays = g.Sum(k => k.Plays), MsPlayed = g.Sum(k => k.MsPlayed),
                    AllPlays = g.Sum(k => k.AllPlays) })
            .ToListAsync(cancellationToken);
        return keyed.Select(k => new DimensionDay(k.Date, Name(k.Value), k.Plays, k.MsPlayed, k.AllPlays)).ToList();
    }

    /// <summary>
    /// <c>r => new KeyedRow&lt;T&gt; { Date = r.LocalDate, Value = value(r), ... }</c>, which EF can group by.
    /// </summary>
    private static Expression<Func<DailyRollup, KeyedRow<T>>> Keyed<T>(Expression<Func<DailyRollup, T>> value)
    {
        var row = value.Parameters[0];
        var type = typeof(KeyedRow<T>);
        MemberBinding Bind(string name, Expression expression) => Expression.Bind(type.GetProperty(name)!, expression);
        return Expression.Lambda<Func<DailyRollup, KeyedRow<T>>>(
            Expression.MemberInit(Expression.New(type),
                Bind(nameof(KeyedRow<>.Date), Expression.Property(row, nameof(DailyRollup.LocalDate))),
                Bind(nameof(KeyedRow<>.Value), value.Body),
                Bind(nameof(KeyedRow<>.Plays), Expression.Property(row, nameof(DailyRollup.Plays))),
                Bind(nameof(KeyedRow<>.MsPlayed), Expression.Property(row, nameof(DailyRollup.MsPlayed))),
                Bind(nameof(KeyedRow<>.AllPlays), Expression.Property(row, nameof(DailyRollup.AllPlays)))),
            row);
    }

    private sealed class KeyedRow<T>
    {
        public DateOnly Date { get; init; }
        public T Value { get; init; } = default!;
        public int Plays { get; init; }
        public long MsPlayed { get; init; }
        public int AllPlays { get; init; }
    }

    private static bool? Flag(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    /// <summary>A value as the API names it.</summary>
    public static string Name(object? value) => value switch
    {
        null => Unknown,
        bool flag => flag ? "true" : "false",
        ContentType type => type.ToString().ToLowerInvariant(),
        string { Length: 0 } => Unknown,
        string text => text,
        _ => value.ToString() ?? Unknown,
    };
}

/// <summary>One local day's plays with one value of a dimension.</summary>
public sealed record DimensionDay(DateOnly Date, string Value, int Plays, long MsPlayed, int AllPlays);
