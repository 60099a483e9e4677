using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Components.Pages.Overview;

/// <summary>The Overview page's charts, built from its figures.</summary>
public sealed record OverviewCharts(ChartOptions PlaysPerDay, ChartOptions Clock, ChartOptions Hourly, ChartOptions Weekdays, ChartOptions? Content)
{
    public static OverviewCharts For(ListeningOverview overview, bool dark) => new(
        ChartStyles.Daily("Plays", overview.PlaysPerDay.Select(d => (d.Date, (double)d.Plays)).ToList(), dark),
        ClockChart(overview, dark),
        ChartStyles.Bars("Plays", Enumerable.Range(0, 24).Select(h => $"{h:00}").ToList(), overview.Hourly.Select(v => (double)v).ToList(),
            dark, ChartStyles.Palette[1]),
        ChartStyles.Bars("Plays", Enumerable.Range(1, 7).Select(Format.Weekday).ToList(), overview.Weekdays.Select(v => (double)v).ToList(),
            dark, ChartStyles.Palette[2]),
        overview.Content.Count > 1 ? ContentChart(overview, dark) : null);

    /// <summary>Weekday by hour: a row per weekday, Monday on top.</summary>
    private static ChartOptions ClockChart(ListeningOverview overview, bool dark)
    {
        var plays = overview.Clock.ToDictionary(c => (c.Weekday, c.Hour), c => c.Plays);
        var rows = Enumerable.Range(1, 7).Reverse()
            .Select(day => new ChartSeries(Format.Weekday(day),
                Enumerable.Range(0, 24).Select(hour => new ChartPoint($"{hour:00}", plays.GetValueOrDefault((day, hour)))).ToList()))
            .ToList();
        return new ChartOptions(
            Chart: new ChartSettings("heatmap", 280, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: rows,
            Xaxis: new ChartXAxis(AxisBorder: new ChartAxisBorder(false), AxisTicks: new ChartAxisTicks(false), TickAmount: 12),
            Colors: [ChartStyles.Primary(dark)],
            DataLabels: new ChartDataLabels(false),
            Stroke: new ChartStroke(Width: 2, Colors: [dark ? "#181A1D" : "#FFFFFF"]),
            Theme: ChartStyles.Theme(dark),
            Legend: new ChartLegend(false),
            PlotOptions: new ChartPlotOptions(Heatmap: new ChartHeatmap()),
            // The y axis shows weekdays, not numbers: only the tooltip's values are formatted.
            Dashboard: new ChartFormats(Tooltip: "integer"));
    }

    private static ChartOptions ContentChart(ListeningOverview overview, bool dark) => new(
        Chart: new ChartSettings("donut", 260),
        Series: overview.Content.Select(c => (double)c.Plays).ToList(),
        Labels: overview.Content.Select(c => ContentName(c.ContentType)).ToList(),
        Colors: overview.Content.Select((_, i) => ChartStyles.Palette[i]).ToList(),
        DataLabels: new ChartDataLabels(false),
        Stroke: new ChartStroke(Width: 2, Colors: [dark ? "#181A1D" : "#FFFFFF"]),
        Theme: ChartStyles.Theme(dark),
        Legend: new ChartLegend(true, "bottom"),
        PlotOptions: new ChartPlotOptions(Pie: new ChartPie(new ChartDonut())),
        Dashboard: new ChartFormats(Tooltip: "integer"));

    public static string ContentName(ContentType type) => type switch
    {
        ContentType.Music => "Music",
        ContentType.Podcast => "Podcasts",
        ContentType.Audiobook => "Audiobooks",
        ContentType.Video => "Video",
        _ => type.ToString(),
    };
}
