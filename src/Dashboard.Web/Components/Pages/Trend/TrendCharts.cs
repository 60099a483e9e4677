using System.Globalization;
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

    /// <summary>
    /// Up to this many buckets each gets a named bar; a time axis spaces a handful of bars oddly (one month shows as
    /// a bar among days) but labels hundreds of buckets well.
    /// </summary>
    private const int MaxNamedBuckets = 16;

    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string OtherColor = ChartStyles.Palette[^1];

    public static TrendCharts For(TrendData trend, TrendMeasure measure, bool dark)
    {
        var axis = new BucketAxis(trend.Granularity, trend.Points.Count <= MaxNamedBuckets);
        var format = measure == TrendMeasure.Plays ? "integer" : "hours";
        var totals = axis.Named
            ? ChartStyles.Bars(MeasureName(measure), trend.Points.Select(axis.Name).ToList(), trend.Points.Select(p => Value(p, measure)).ToList(),
                dark, ChartStyles.Primary(dark), height: 320) with { Dashboard = new ChartFormats(Y: format) }
            : ChartStyles.Daily(MeasureName(measure), trend.Points.Select(p => (p.Start, Value(p, measure))).ToList(), dark, format, height: 320)
                with { Tooltip = new ChartTooltip(new ChartTooltipX(axis.DateFormat)) };
        if (trend.SplitBy is not { } split || trend.Series.Count == 0)
        {
            return new TrendCharts(totals, null, new Dictionary<string, string>());
        }

        var shown = trend.Series.Count > MaxSeries + 1 ? trend.Series.Take(MaxSeries).ToList() : trend.Series.ToList();
        var colors = shown.Select((s, i) => (s.Value, Color: ChartStyles.Palette[i])).ToList();
        var series = shown
            .Select(s => new ChartSeries(DimensionNames.Value(split, s.Value), s.Points.Select(p => new ChartPoint(axis.X(p), Value(p, measure))).ToList()))
            .ToList();
        // The service sends series of the values with the most plays only: the rest is what the totals hold beyond them.
        if (shown.Count < trend.Table.Count)
        {
            series.Add(new ChartSeries(OtherName, trend.Points.Select((p, i) => new ChartPoint(axis.X(p),
                Value(p.Plays - shown.Sum(s => s.Points[i].Plays), p.ListeningMs - shown.Sum(s => s.Points[i].ListeningMs), measure))).ToList()));
        }
        var seriesColors = colors.Select(c => c.Color).Append(OtherColor).Take(series.Count).ToList();
        return new TrendCharts(totals, SplitChart(series, seriesColors, trend, axis, format, dark), colors.ToDictionary(c => c.Value, c => c.Color));
    }

    /// <summary>The colour of a value in the stacked chart; the values summed as "Other" share one.</summary>
    public string ColorOf(string value) => SplitColors.GetValueOrDefault(value) ?? OtherColor;

    public static string MeasureName(TrendMeasure measure) => measure == TrendMeasure.Plays ? "Plays" : "Listening time";

    private static ChartOptions SplitChart(List<ChartSeries> series, List<string> colors, TrendData trend, BucketAxis axis, string format, bool dark)
    {
        // Past a few months of days, bars become slivers: a stacked area reads better.
        var area = trend.Points.Count > 120;
        return new ChartOptions(
            Chart: new ChartSettings(area ? "area" : "bar", 320, Stacked: true, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: series,
            Xaxis: axis.Named
                ? new ChartXAxis(AxisBorder: new ChartAxisBorder(false), AxisTicks: new ChartAxisTicks(false))
                : new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            Yaxis: ChartStyles.ValueAxis,
            Colors: colors,
            Stroke: new ChartStroke(Width: area ? 1 : 0),
            Fill: area ? new ChartFill("solid", Opacity: 0.8) : new ChartFill("solid"),
            DataLabels: new ChartDataLabels(false),
            Grid: axis.Named ? ChartStyles.Grid(dark) : ChartStyles.TimeGrid(dark),
            Theme: ChartStyles.Theme(dark),
            Legend: new ChartLegend(true, "bottom"),
            Tooltip: new ChartTooltip(axis.Named ? null : new ChartTooltipX(axis.DateFormat), Shared: true, Intersect: false),
            PlotOptions: new ChartPlotOptions(new ChartBar(ColumnWidth: "70%")),
            Dashboard: new ChartFormats(Y: format));
    }

    private static double Value(TrendPoint point, TrendMeasure measure) => Value(point.Plays, point.ListeningMs, measure);

    private static double Value(int plays, long listeningMs, TrendMeasure measure) =>
        measure == TrendMeasure.Plays ? plays : Format.Hours(listeningMs);

    /// <summary>Where a bucket sits on the x axis: its name when there are few, its start on a time axis otherwise.</summary>
    private sealed record BucketAxis(Granularity Granularity, bool Named)
    {
        public object X(TrendPoint point) => Named ? Name(point) : ChartStyles.Epoch(point.Start);

        /// <summary>A day or the Monday a week starts on ("4 Nov"), or a month ("Nov 2024").</summary>
        public string Name(TrendPoint point) =>
            point.Start.ToString(Granularity == Granularity.Month ? "MMM yyyy" : "d MMM", Culture);

        /// <summary>How a time axis's tooltip names a bucket.</summary>
        public string DateFormat => Granularity switch
        {
            Granularity.Day => "ddd d MMM yyyy",
            Granularity.Week => "d MMM yyyy",
            _ => "MMMM yyyy",
        };
    }
}
