using System.Globalization;

namespace Dashboard.Core.Analytics;

/// <summary>
/// The periods every page offers. Each ends today (in the user's zone) and is compared with the period of
/// equal length just before it; a custom range is any span of whole local days.
/// </summary>
public enum Period
{
    Week,
    Month,
    Quarter,
    Year,
    AllTime,
    Custom,
}

/// <summary>An inclusive range of local days.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range of equal length that ends the day before this one starts.</summary>
    public DayRange Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);
}

/// <summary>What a page or an API call asked for: a named period, or a custom range of days.</summary>
public sealed record PeriodSelection(Period Period, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly PeriodSelection Week = new(Period.Week);
    public static readonly PeriodSelection Month = new(Period.Month);
    public static readonly PeriodSelection Quarter = new(Period.Quarter);
    public static readonly PeriodSelection Year = new(Period.Year);
    public static readonly PeriodSelection AllTime = new(Period.AllTime);

    public static PeriodSelection Between(DateOnly from, DateOnly to) => new(Period.Custom, from, to);

    public static PeriodSelection Of(Period period) => period switch
    {
        Period.Week => Week,
        Period.Month => Month,
        Period.Quarter => Quarter,
        Period.Year => Year,
        Period.AllTime => AllTime,
        _ => throw new ArgumentException("A custom period needs its days; use Between.", nameof(period)),
    };

    public bool IsAllTime => Period == Period.AllTime;
}

public static class Periods
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The days a selection covers, ending <paramref name="today"/>; null for all time.</summary>
    public static DayRange? Resolve(PeriodSelection selection, DateOnly today) => selection.Period switch
    {
        Period.Week => LastDays(7, today),
        Period.Month => LastDays(30, today),
        Period.Quarter => LastDays(90, today),
        Period.Year => LastDays(365, today),
        Period.AllTime => null,
        Period.Custom => new DayRange(selection.From!.Value, selection.To!.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection.Period, null),
    };

    /// <summary>How the period is named in addresses and the API (<c>week</c>, ..., <c>all_time</c>, <c>custom</c>).</summary>
    public static string Key(this Period period) => period switch
    {
        Period.AllTime => "all_time",
        _ => period.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? key, out Period period)
    {
        foreach (var candidate in Enum.GetValues<Period>())
        {
            if (string.Equals(candidate.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                period = candidate;
                return true;
            }
        }
        period = default;
        return false;
    }

    /// <summary>
    /// Reads a selection from an address or a request: <c>period</c>, and for a custom range <c>from</c> and
    /// <c>to</c> as yyyy-MM-dd. A missing period means <paramref name="fallback"/>.
    /// </summary>
    /// <param name="error">What is wrong, naming the parameter, when this returns false.</param>
    public static bool TryParse(string? period, string? from, string? to, PeriodSelection fallback,
        out PeriodSelection selection, out PeriodError? error)
    {
        selection = fallback;
        error = null;
        if (string.IsNullOrEmpty(period) && string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            return true;
        }
        var named = string.IsNullOrEmpty(period) ? Period.Custom : default;
        if (!string.IsNullOrEmpty(period) && !TryParse(period, out named))
        {
            error = new PeriodError("period", "must be one of week, month, quarter, year, all_time, custom");
            return false;
        }
        if (named != Period.Custom)
        {
            selection = PeriodSelection.Of(named);
            return true;
        }
        if (!TryParseDate(from, out var start))
        {
            error = new PeriodError("from", "must be a date as yyyy-MM-dd");
            return false;
        }
        if (!TryParseDate(to, out var end))
        {
            error = new PeriodError("to", "must be a date as yyyy-MM-dd");
            return false;
        }
        if (end < start)
        {
            error = new PeriodError("to", "must not be before from");
            return false;
        }
        selection = PeriodSelection.Between(start, end);
        return true;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DayRange LastDays(int days, DateOnly today) => new(today.AddDays(1 - days), today);
}

/// <summary>A period parameter that cannot be used, and why.</summary>
public sealed record PeriodError(string Parameter, string Message);
