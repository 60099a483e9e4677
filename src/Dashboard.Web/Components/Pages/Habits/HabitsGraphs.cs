using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Graphs;

namespace Dashboard.Web.Components.Pages.Habits;

/// <summary>The Habits page's graph: how often each of the most played artists is skipped.</summary>
public static class HabitsGraphs
{
    public static GraphOptions? SkipRates(IReadOnlyList<ArtistSkips> artists, bool dark) =>
        artists.Count == 0
            ? null
            : new GraphOptions(
                // A bar per artist, tall enough for its name.
                Chart: new GraphSettings("bar", 60 + 36 * artists.Count, Toolbar: new GraphToolbar(false),
                Zoom: new GraphZoom(false)),
                Series: new[]
                {
                    new GraphSeries("Skip rate",
                        artists.Select(a => new GraphPoint(a.Name, Math.Round(a.SkipRate * 100, 1))).ToList()),
                },
                Xaxis: new GraphXAxis(AxisBorder: new GraphAxisBorder(false), AxisTicks: new GraphAxisTicks(false),
                TickAmount: 5),
                Yaxis: new GraphYAxis(Labels: new GraphAxisLabels(MaxWidth: 180)),
                Colors: [GraphStyles.Palette[2]],
                DataLabels: new GraphDataLabels(false),
                Grid: GraphStyles.Grid(dark),
                Theme: GraphStyles.Theme(dark),
                PlotOptions: new GraphPlotOptions(new GraphBar(BorderRadius: 3, Horizontal: true, BarHeight: "60%")),
                // In a horizontal bar graph the x axis carries the values.
                Dashboard: new GraphFormats(Tooltip: "percent", X: "percent"));
}
