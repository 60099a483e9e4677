using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Shared;
using TrendData = Dashboard.Core.Analytics.Trend;

namespace Dashboard.Web.Components.Pages.Trend;

/// <summary>The Trend page's charts: the totals over time and, with a breakdown, the same stacked by value.</summary>
public sealed record TrendCharts(ChartOptions Totals, ChartOptions? Split, IReadOnlyDictionary<string, string> SplitColors)
{
    /// <summary>More stacked series than this are hard to tell apart: the smallest values are summed as "Other".</summary>
    public const int MaxSeries = 8;

    public const string OtherName = "Other";

    private static readonly string OtherColor = ChartStyles.Palette[^1];

    public static TrendCharts For(TrendData trend, TrendMeasure measure, bool dark)
    {
        var format = measure == TrendMeasure.Plays ? "integer" : "hours";
        var totals = ChartStyles.Daily(MeasureName(measure), trend.Points.Select(p => (p.Start, Value(p, measure))).ToList(), dark, format, height: 320)
            with { Tooltip = new ChartTooltip(new ChartTooltipX(DateFormat(trend.Granularity))) };
        if (trend.SplitBy is not { } split || trend.Series.Count == 0)
        {
            return new TrendCharts(totals, null, new Dictionary<string, string>());
        }

        var shown = trend.Series.Count > MaxSeries + 1 ? trend.Series.Take(MaxSeries).ToList() : trend.Series.ToList();
        var colors = shown.Select((s, i) => (s.Value, Color: ChartStyles.Palette[i])).ToList();
        var series = shown
            .Select(s => new ChartSeries(DimensionNames.Value(split, s.Value), s.Points.Select(p => Point(p, measure)).ToList()))
            .ToList();
        if (shown.Count < trend.Series.Count)
        {
            var rest = trend.Series.Skip(shown.Count).ToList();
            series.Add(new ChartSeries(OtherName, trend.Points.Select((p, i) => new ChartPoint(ChartStyles.Epoch(p.Start),
                Value(rest.Sum(s => s.Points[i].Plays), rest.Sum(s => s.Points[i].ListeningMs), measure))).ToList()));
        }
        var seriesColors = colors.Select(c => c.Color).Append(OtherColor).Take(series.Count).ToList();
        return new TrendCharts(totals, SplitChart(series, seriesColors, trend, format, dark), colors.ToDictionary(c => c.Value, c => c.Color));
    }

    /// <summary>The colour of a value in the stacked chart; the values summed as "Other" share one.</summary>
    public string ColorOf(string value) => SplitColors.GetValueOrDefault(value) ?? OtherColor;

    public static string MeasureName(TrendMeasure measure) => measure == TrendMeasure.Plays ? "Plays" : "Listening time";

    private static ChartOptions SplitChart(List<ChartSeries> series, List<string> colors, TrendData trend, string format, bool dark)
    {
        // Past a few months of days, bars become slivers: a stacked area reads better.
        var area = trend.Points.Count > 120;
        return new ChartOptions(
            Chart: new ChartSettings(area ? "area" : "bar", 320, Stacked: true, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: series,
            Xaxis: new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            Yaxis: new ChartYAxis(Min: 0, TickAmount: 4),
            Colors: colors,
            Stroke: new ChartStroke(Width: area ? 1 : 0),
            Fill: area ? new ChartFill("solid", Opacity: 0.8) : new ChartFill("solid"),
            DataLabels: new ChartDataLabels(false),
            Grid: ChartStyles.Grid(dark),
            Theme: ChartStyles.Theme(dark),
            Legend: new ChartLegend(true, "bottom"),
            Tooltip: new ChartTooltip(new ChartTooltipX(DateFormat(trend.Granularity)), Shared: true, Intersect: false),
            PlotOptions: new ChartPlotOptions(new ChartBar(ColumnWidth: "70%")),
            Dashboard: new ChartFormats(Y: format));
    }

    /// <summary>How a bucket's date reads in the tooltip: a day, the Monday a week starts on, or a month.</summary>
    private static string DateFormat(Granularity granularity) => granularity switch
    {
        Granularity.Day => "ddd d MMM yyyy",
        Granularity.Week => "d MMM yyyy",
        _ => "MMMM yyyy",
    };

    private static ChartPoint Point(TrendPoint point, TrendMeasure measure) =>
        new(ChartStyles.Epoch(point.Start), Value(point, measure));

    private static double Value(TrendPoint point, TrendMeasure measure) => Value(point.Plays, point.ListeningMs, measure);

    private static double Value(int plays, long listeningMs, TrendMeasure measure) =>
        measure == TrendMeasure.Plays ? plays : Format.Hours(listeningMs);
}
