using Dashboard.Core.Analytics;

namespace Dashboard.Core.Tests.Analytics;

[NoDatabase]
public sealed class TrendBucketTests
{
    [Theory]
    [InlineData(Granularity.Week, "2026-10-05", 5, 7)]
    [InlineData(Granularity.Week, "2026-10-12", 7, 7)]
    [InlineData(Granularity.Week, "2026-10-26", 2, 7)]
    [InlineData(Granularity.Month, "2026-10-01", 21, 31)]
    [InlineData(Granularity.Day, "2026-10-07", 1, 1)]
    public void A_bucket_counts_the_days_of_it_the_range_holds(Granularity granularity, string start, int inRange,
        int days)
    {
        // Wednesday 7 to Tuesday 27 October 2026.
        var trend = new Trend(new TrendQuery(PeriodSelection.Month),
            new DayRange(new DateOnly(2026, 10, 7), new DateOnly(2026, 10, 27)), granularity, [], null, [], []);
        var point = new TrendPoint(start, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), 1,
            1);

        Assert.Equal((inRange, days, inRange < days),
            (trend.DaysInRange(point), trend.BucketDays(point), trend.IsPartial(point)));
    }
}
