namespace Dashboard.Core.Analytics;

/// <summary>The periods every page offers. Each ends today (in the user's zone) and is compared with the
/// period of equal length just before it.</summary>
public enum Period
{
    Week,
    Month,
    Quarter,
    Year,
    AllTime,
}

/// <summary>An inclusive range of local days.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range of equal length that ends the day before this one starts.</summary>
    public DateRange Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    public bool Contains(DateOnly day) => day >= From && day <= To;
}

public static class Periods
{
    /// <summary>The days <paramref name="period"/> covers, ending <paramref name="today"/>; null for all time.</summary>
    public static DateRange? Resolve(Period period, DateOnly today) => period switch
    {
        Period.Week => LastDays(7, today),
        Period.Month => LastDays(30, today),
        Period.Quarter => LastDays(90, today),
        Period.Year => LastDays(365, today),
        Period.AllTime => null,
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };

    /// <summary>How the period is named in the UI and the API (<c>week</c>, ..., <c>all_time</c>).</summary>
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

    private static DateRange LastDays(int days, DateOnly today) => new(today.AddDays(1 - days), today);
}
