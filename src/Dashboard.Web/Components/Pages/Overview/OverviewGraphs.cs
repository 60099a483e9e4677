using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Web.Components.Graphs;
using Dashboard.Web.Components.Pages.Trend;

namespace Dashboard.Web.Components.Pages.Overview;

/// <summary>
/// The Overview page's graphs, built from its figures. What was listened to is drawn by plays and by time: by plays
/// alone, podcasts (few plays, long ones) hardly show.
/// </summary>
public sealed record OverviewGraphs(GraphOptions PlaysPerDay, GraphOptions Clock, GraphOptions Hourly,
    GraphOptions Weekdays, GraphOptions? ContentByPlays, GraphOptions? ContentByTime)
{
    public static OverviewGraphs For(ListeningOverview overview, bool dark) => new(
        GraphStyles.PerDay("Plays", overview.PlaysPerDay.Select(d => (d.Date, (double)d.Plays)).ToList(), dark),
        ClockChart(overview, dark),
        GraphStyles.Bars("Plays", Enumerable.Range(0, 24).Select(h => $"{h:00}").ToList(),
        overview.Hourly.Select(v => (double)v).ToList(),
            dark, GraphStyles.Palette[1]),
        GraphStyles.Bars("Plays", Enumerable.Range(1, 7).Select(Figures.Weekday).ToList(),
        overview.Weekdays.Select(v => (double)v).ToList(),
            dark, GraphStyles.Palette[2]),
        overview.Content.Count > 1 ? ContentChart(overview, TrendMeasure.Plays, dark) : null,
        overview.Content.Count > 1 ? ContentChart(overview, TrendMeasure.Time, dark) : null);

    /// <summary>The graph of what was listened to, by <paramref name="measure"/>.</summary>
    public GraphOptions? Content(TrendMeasure measure) =>
        measure == TrendMeasure.Plays ? ContentByPlays : ContentByTime;

    /// <summary>Weekday by hour: a row per weekday, Monday on top.</summary>
    private static GraphOptions ClockChart(ListeningOverview overview, bool dark)
    {
        var plays = overview.Clock.ToDictionary(c => (c.Weekday, c.Hour), c => c.Plays);
        var rows = Enumerable.Range(1, 7).Reverse()
            .Select(day => new GraphSeries(Figures.Weekday(day),
                Enumerable.Range(0, 24)
                .Select(hour => new GraphPoint($"{hour:00}", plays.GetValueOrDefault((day, hour)))).ToList()))
            .ToList();
        return new GraphOptions(
            Chart: new GraphSettings("heatmap", 280, Toolbar: new GraphToolbar(false), Zoom: new GraphZoom(false)),
            Series: rows,
            Xaxis: new GraphXAxis(AxisBorder: new GraphAxisBorder(false), AxisTicks: new GraphAxisTicks(false),
            TickAmount: 12),
            Colors: [GraphStyles.Primary(dark)],
            DataLabels: new GraphDataLabels(false),
            Stroke: new GraphStroke(Width: 2, Colors: [dark ? "#181A1D" : "#FFFFFF"]),
            Theme: GraphStyles.Theme(dark),
            Legend: new GraphLegend(false),
            PlotOptions: new GraphPlotOptions(Heatmap: new GraphHeatmap()),
            // The y axis shows weekdays, not numbers: only the tooltip's values are formatted.
            Dashboard: new GraphFormats(Tooltip: "integer"));
    }

    private static GraphOptions ContentChart(ListeningOverview overview, TrendMeasure measure, bool dark) => new(
        Chart: new GraphSettings("donut", 260),
        Series: overview.Content
            .Select(c => measure == TrendMeasure.Plays ? c.Plays : Figures.Hours(c.ListeningMs)).ToList(),
        Labels: overview.Content.Select(c => ContentName(c.ContentType)).ToList(),
        Colors: overview.Content.Select((_, i) => GraphStyles.Palette[i]).ToList(),
        DataLabels: new GraphDataLabels(false),
        Stroke: new GraphStroke(Width: 2, Colors: [dark ? "#181A1D" : "#FFFFFF"]),
        Theme: GraphStyles.Theme(dark),
        Legend: new GraphLegend(true, "bottom"),
        PlotOptions: new GraphPlotOptions(Pie: new GraphPie(new GraphDonut())),
        Dashboard: new GraphFormats(Tooltip: measure == TrendMeasure.Plays ? "integer" : "hours"));

    public static string ContentName(ContentType type) => type switch
    {
        ContentType.Music => "Music",
        ContentType.Podcast => "Podcasts",
        ContentType.Audiobook => "Audiobooks",
        ContentType.Video => "Video",
        _ => type.ToString(),
    };
}
