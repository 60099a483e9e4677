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

    /// <summary>
    /// The range of equal length that ends the day before this one starts. Ranges lie within
    /// <see cref="AcceptedDates"/>, so it stays in the calendar; at its very start it stops at the first day there is.
    /// </summary>
    public DayRange Previous() => new(DayAt(From.DayNumber - Days), DayAt(From.DayNumber - 1));

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    private static DateOnly DayAt(int dayNumber) => DateOnly.FromDayNumber(Math.Max(0, dayNumber));
}

/// <summary>
/// The days a request may name (an address, an API parameter, a report): Spotify has no plays before 2006, and no
/// listener asks about a day past 2099. A custom range spans at most <see cref="LongestRangeYears"/> years. Analytics
/// keep every range they compute within these days, so the period before, a week's start or a streak never leaves the
/// calendar; plays stored with a day outside them (older versions imported such records) are left out of every figure.
/// </summary>
public static class AcceptedDates
{
    public static readonly DateOnly First = new(2006, 1, 1);

    public static readonly DateOnly Last = new(2099, 12, 31);

    /// <summary>The longest custom range, in years: longer than any listening history can be yet.</summary>
    public const int LongestRangeYears = 25;

    /// <summary>What a date outside the accepted days is told, after the parameter's name.</summary>
    public static string OutsideMessage => $"must be a day from {Text(First)} to {Text(Last)}";

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>The last day a custom range starting on <paramref name="from"/> may end on.</summary>
    public static DateOnly LatestEnd(DateOnly from)
    {
        var end = from.AddYears(LongestRangeYears).AddDays(-1);
        return end < Last ? end : Last;
    }

    /// <summary>The day itself when it is accepted, else the nearest accepted day.</summary>
    public static DateOnly Clamp(DateOnly day) => day < First ? First : day > Last ? Last : day;

    /// <summary>
    /// The part of <paramref name="range"/> within the accepted days (one day at the nearer end when none is).
    /// </summary>
    public static DayRange Clamp(DayRange range) => new(Clamp(range.From), Clamp(range.To));

    public static string Text(DateOnly day) => day.ToString(Periods.DateFormat, CultureInfo.InvariantCulture);
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

    /// <summary>
    /// How the period is named in addresses and the API (<c>week</c>, ..., <c>all_time</c>, <c>custom</c>).
    /// </summary>
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
    /// <c>to</c> as yyyy-MM-dd within <see cref="AcceptedDates"/>, at most
    /// <see cref="AcceptedDates.LongestRangeYears"/>
    /// years apart. A missing period means <paramref name="fallback"/>.
    /// </summary>
    /// <param name="errors">What is wrong, naming each parameter, when this returns false.</param>
    public static bool TryParse(string? period, string? from, string? to, PeriodSelection fallback,
        out PeriodSelection selection, out IReadOnlyList<PeriodError> errors)
    {
        selection = fallback;
        errors = [];
        if (string.IsNullOrEmpty(period) && string.IsNullOrEmpty(from) && string.IsNullOrEmpty(to))
        {
            return true;
        }
        var named = string.IsNullOrEmpty(period) ? Period.Custom : default;
        if (!string.IsNullOrEmpty(period) && !TryParse(period, out named))
        {
            errors = [new PeriodError("period", "must be one of week, month, quarter, year, all_time, custom",
                PeriodProblem.UnknownPeriod)];
            return false;
        }
        if (named != Period.Custom)
        {
            selection = PeriodSelection.Of(named);
            return true;
        }
        var problems = new List<PeriodError>();
        var start = ReadDay(from, "from", problems);
        var end = ReadDay(to, "to", problems);
        if (start is { } first && end is { } last)
        {
            if (last < first)
            {
                problems.Add(new PeriodError("to", "must not be before from", PeriodProblem.Reversed));
            }
            else if (last > AcceptedDates.LatestEnd(first))
            {
                problems.Add(new PeriodError("to",
                    $"must be within {AcceptedDates.LongestRangeYears} years of from: " +
                    $"{AcceptedDates.Text(AcceptedDates.LatestEnd(first))} at the latest",
                    PeriodProblem.TooLong));
            }
        }
        if (problems.Count > 0)
        {
            errors = problems;
            return false;
        }
        selection = PeriodSelection.Between(start!.Value, end!.Value);
        return true;
    }

    /// <summary>A day as yyyy-MM-dd within the accepted days; null, with the problem noted, otherwise.</summary>
    private static DateOnly? ReadDay(string? text, string name, List<PeriodError> problems)
    {
        if (!TryParseDate(text, out var day))
        {
            problems.Add(new PeriodError(name, "must be a date as yyyy-MM-dd", PeriodProblem.NotADate));
            return null;
        }
        if (!AcceptedDates.Contains(day))
        {
            problems.Add(new PeriodError(name, AcceptedDates.OutsideMessage, PeriodProblem.OutsideAcceptedDates));
            return null;
        }
        return day;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DayRange LastDays(int days, DateOnly today) => new(today.AddDays(1 - days), today);
}

/// <summary>What is wrong with a period parameter.</summary>
public enum PeriodProblem
{
    UnknownPeriod,
    NotADate,
    OutsideAcceptedDates,
    Reversed,
    TooLong,
}

/// <summary>A period parameter that cannot be used, and why.</summary>
public sealed record PeriodError(string Parameter, string Message, PeriodProblem Problem);
