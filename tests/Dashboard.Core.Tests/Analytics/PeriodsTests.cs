using System.Globalization;
using Dashboard.Core.Analytics;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// The one date policy of addresses, API parameters and reports: accepted days, the longest range, no overflow.
/// </summary>
[NoDatabase]
public sealed class PeriodsTests
{
    [Theory]
    [InlineData("2006-01-01", "2006-01-01")]
    [InlineData("2099-12-31", "2099-12-31")]
    [InlineData("2006-01-01", "2030-12-31")]
    [InlineData("2075-01-01", "2099-12-31")]
    public void A_custom_range_within_the_accepted_days_and_25_years_is_read(string from, string to)
    {
        Assert.True(Periods.TryParse("custom", from, to, PeriodSelection.Month, out var selection, out var errors));

        Assert.Empty(errors);
        Assert.Equal(
            PeriodSelection.Between(DateOnly.Parse(from, CultureInfo.InvariantCulture),
                DateOnly.Parse(to, CultureInfo.InvariantCulture)), selection);
    }

    [Theory]
    [InlineData("2005-12-31", "2006-01-31", "from:OutsideAcceptedDates")]
    [InlineData("2099-12-01", "2100-01-01", "to:OutsideAcceptedDates")]
    [InlineData("0001-01-01", "9999-12-31", "from:OutsideAcceptedDates to:OutsideAcceptedDates")]
    [InlineData("2020-02-01", "2020-01-31", "to:Reversed")]
    [InlineData("2006-01-01", "2031-01-01", "to:TooLong")]
    [InlineData("2025-02-30", "9999-12-31", "from:NotADate to:OutsideAcceptedDates")]
    public void A_custom_range_outside_the_accepted_days_or_too_long_names_every_problem(string from, string to,
        string expected)
    {
        Assert.False(Periods.TryParse(null, from, to, PeriodSelection.Month, out var selection, out var errors));

        Assert.Equal(expected, string.Join(" ", errors.Select(e => $"{e.Parameter}:{e.Problem}")));
        Assert.Equal(PeriodSelection.Month, selection);
    }

    [Fact]
    public void The_messages_name_the_accepted_days_and_the_latest_end()
    {
        Periods.TryParse(null, "2010-03-15", "2099-12-31", PeriodSelection.Month, out _, out var tooLong);
        Periods.TryParse(null, "2000-01-01", "2000-01-02", PeriodSelection.Month, out _, out var outside);

        Assert.Equal("must be within 25 years of from: 2035-03-14 at the latest", tooLong.Single().Message);
        Assert.Equal("must be a day from 2006-01-01 to 2099-12-31", outside[0].Message);
    }

    [Fact]
    public void The_period_before_stops_at_the_first_day_of_the_calendar_instead_of_overflowing()
    {
        var first = new DayRange(DateOnly.MinValue, DateOnly.MinValue.AddDays(9));
        var accepted = new DayRange(AcceptedDates.First, AcceptedDates.Last);

        Assert.Equal(new DayRange(DateOnly.MinValue, DateOnly.MinValue), first.Previous());
        Assert.Equal(new DayRange(new DateOnly(1912, 1, 2), new DateOnly(2005, 12, 31)), accepted.Previous());
    }

    [Fact]
    public void Clamping_keeps_a_range_within_the_accepted_days()
    {
        Assert.Equal(new DayRange(AcceptedDates.First, new DateOnly(2020, 5, 1)),
            AcceptedDates.Clamp(new DayRange(DateOnly.MinValue, new DateOnly(2020, 5, 1))));
        Assert.Equal(new DayRange(AcceptedDates.Last, AcceptedDates.Last),
            AcceptedDates.Clamp(new DayRange(DateOnly.MaxValue, DateOnly.MaxValue)));
    }
}
