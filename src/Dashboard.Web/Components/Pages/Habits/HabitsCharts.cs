using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Components.Pages.Habits;

/// <summary>The Habits page's chart: how often each of the most played artists is skipped.</summary>
public static class HabitsCharts
{
    public static ChartOptions? SkipRates(IReadOnlyList<ArtistSkips> artists, bool dark) =>
        artists.Count == 0
            ? null
            : new ChartOptions(
                // A bar per artist, tall enough for its name.
                Chart: new ChartSettings("bar", 60 + 36 * artists.Count, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
                Series: new[]
                {
                    new ChartSeries("Skip rate", artists.Select(a => new ChartPoint(a.Name, Math.Round(a.SkipRate * 100, 1))).ToList()),
                },
                Xaxis: new ChartXAxis(AxisBorder: new ChartAxisBorder(false), AxisTicks: new ChartAxisTicks(false), TickAmount: 5),
                Yaxis: new ChartYAxis(Labels: new ChartAxisLabels(MaxWidth: 180)),
                Colors: [ChartStyles.Palette[2]],
                DataLabels: new ChartDataLabels(false),
                Grid: ChartStyles.Grid(dark),
                Theme: ChartStyles.Theme(dark),
                PlotOptions: new ChartPlotOptions(new ChartBar(BorderRadius: 3, Horizontal: true, BarHeight: "60%")),
                // In a horizontal bar chart the x axis carries the values.
                Dashboard: new ChartFormats(Tooltip: "percent", X: "percent"));
}
