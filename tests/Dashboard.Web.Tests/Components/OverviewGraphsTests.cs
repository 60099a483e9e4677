using System.Text.Json;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Components.Pages.Overview;
using Dashboard.Web.Components.Pages.Trend;
using TrendData = Dashboard.Core.Analytics.Trend;

namespace Dashboard.Web.Tests.Components;

[NoDatabase]
public sealed class OverviewGraphsTests
{
    private static readonly DateOnly First = new(2026, 11, 1);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Plays_per_day_of_a_few_days_is_a_bar_named_for_each_day_as_on_Trend(int days)
    {
        var plays = Enumerable.Range(0, days).Select(i => 10 * (i + 1)).ToList();

        var overview = OverviewGraphs.For(Overview(plays), dark: false).PlaysPerDay;
        var trend = TrendGraphs.For(Trend(plays), TrendMeasure.Plays, dark: false).Totals;

        // On a time axis ApexCharts labelled one to three days by the hour and set their bars off-centre.
        Assert.Equal("bar", overview.Chart.Type);
        Assert.Null(overview.Xaxis!.Type);
        Assert.Equal(
            Enumerable.Range(0, days).Select(i => ($"{i + 1} Nov", (double?)plays[i])),
            Points(overview).Select(p => (p.X.ToString()!, p.Y)));
        Assert.Equal(JsonSerializer.Serialize(trend.Series), JsonSerializer.Serialize(overview.Series));
        Assert.Equal(trend.Xaxis, overview.Xaxis);
    }

    [Fact]
    public void Plays_per_day_of_a_month_is_on_a_time_axis()
    {
        var overview = OverviewGraphs.For(Overview([.. Enumerable.Repeat(5, 30)]), dark: false).PlaysPerDay;

        Assert.Equal("datetime", overview.Xaxis!.Type);
        Assert.Equal(30, Points(overview).Count);
    }

    private static List<GraphPoint> Points(GraphOptions graph) =>
        [.. ((IEnumerable<GraphSeries>)graph.Series).Single().Data];

    private static ListeningOverview Overview(IReadOnlyList<int> plays)
    {
        var range = new DayRange(First, First.AddDays(plays.Count - 1));
        return new ListeningOverview(
            PeriodSelection.Between(range.From, range.To),
            range,
            Current: new Headline(plays.Sum(), 3_600_000, 10, 5, 3, plays.Count, 60_000),
            Previous: null,
            Streaks: new Streaks(1, 1, new DayRange(range.From, range.From)),
            TopTracks: [],
            TopArtists: [],
            TopAlbums: [],
            PlaysPerDay: [.. plays.Select((p, i) => new DayTotal(First.AddDays(i), p, p * 60_000L))],
            Clock: [],
            Content: []);
    }

    private static TrendData Trend(IReadOnlyList<int> plays)
    {
        var range = new DayRange(First, First.AddDays(plays.Count - 1));
        return new TrendData(
            new TrendQuery(PeriodSelection.Between(range.From, range.To)),
            range,
            Granularity.Day,
            [.. plays.Select((p, i) => new TrendPoint($"{First.AddDays(i):yyyy-MM-dd}", First.AddDays(i), p,
                p * 60_000L))],
            null,
            [],
            []);
    }
}
