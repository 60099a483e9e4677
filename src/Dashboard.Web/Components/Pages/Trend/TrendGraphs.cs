using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Web.Components.Graphs;
using TrendData = Dashboard.Core.Analytics.Trend;

namespace Dashboard.Web.Components.Pages.Trend;

/// <summary>The Trend page's graphs: the totals over time and, with a breakdown, the same stacked by value.</summary>
public sealed record TrendGraphs(GraphOptions Totals, GraphOptions? Split,
    IReadOnlyDictionary<string, string> SplitColors)
{
    /// <summary>
    /// More stacked series than this are hard to tell apart: the smallest values are summed as "Other".
    /// </summary>
    public const int MaxSeries = 8;

    public const string OtherName = "Other";

    private static readonly string OtherColor = GraphStyles.Palette[^1];

    public static TrendGraphs For(TrendData trend, TrendMeasure measure, bool dark)
    {
        var axis = new BucketAxis(trend.Granularity, trend.Points.Count <= GraphStyles.MaxNamedBuckets);
        var format = measure == TrendMeasure.Plays ? "integer" : "hours";
        var totals = axis.Named
            ? GraphStyles.Bars(MeasureName(measure), trend.Points.Select(axis.Name).ToList(),
                trend.Points.Select(p => Value(p, measure)).ToList(),
                dark, GraphStyles.Primary(dark), height: 320) with { Dashboard = new GraphFormats(Y: format) }
            : GraphStyles.Daily(MeasureName(measure), trend.Points.Select(p => (p.Start, Value(p, measure))).ToList(),
                dark, format, height: 320)
                with { Tooltip = new GraphTooltip(new GraphTooltipX(axis.DateFormat)) };
        var partial = trend.Points.Select(trend.IsPartial).ToList();
        if (partial.Contains(true))
        {
            totals = MarkPartial(totals, partial, [GraphStyles.Primary(dark)]) with
            {
                Dashboard = totals.Dashboard! with { Notes = [.. trend.Points.Select(p => PartialNote(trend, p))] },
            };
        }
        if (trend.SplitBy is not { } split || trend.Series.Count == 0)
        {
            return new TrendGraphs(totals, null, new Dictionary<string, string>());
        }

        var shown = trend.Series.Count > MaxSeries + 1 ? trend.Series.Take(MaxSeries).ToList() : trend.Series.ToList();
        var colors = shown.Select((s, i) => (s.Value, Color: GraphStyles.Palette[i])).ToList();
        var series = shown
            .Select(s =>
                new GraphSeries(DimensionNames.Value(split, s.Value),
                    s.Points.Select(p => new GraphPoint(axis.X(p), Value(p, measure))).ToList()))
            .ToList();
        // The service sends series of the values with the most plays only: the rest is what the totals hold beyond
        // them.
        if (shown.Count < trend.Table.Count)
        {
            series.Add(new GraphSeries(OtherName, trend.Points.Select((p, i) => new GraphPoint(axis.X(p),
                Value(p.Plays - shown.Sum(s => s.Points[i].Plays),
                p.ListeningMs - shown.Sum(s => s.Points[i].ListeningMs), measure))).ToList()));
        }
        var seriesColors = colors.Select(c => c.Color).Append(OtherColor).Take(series.Count).ToList();
        var splitGraph = SplitChart(series, seriesColors, trend, axis, format, dark);
        return new TrendGraphs(totals,
            partial.Contains(true) ? MarkPartial(splitGraph, partial, seriesColors) : splitGraph,
            colors.ToDictionary(c => c.Value, c => c.Color));
    }

    /// <summary>
    /// "5 of 7 days in this period" for a first or last week or month the period cuts, whose figures cover only those
    /// days; null for a whole one.
    /// </summary>
    public static string? PartialNote(TrendData trend, TrendPoint point) => trend.IsPartial(point)
        ? $"{trend.DaysInRange(point)} of {trend.BucketDays(point)} days in this period"
        : null;

    /// <summary>Draws the bars of buckets the period cuts lighter, in each series' own colour.</summary>
    private static GraphOptions MarkPartial(GraphOptions graph, List<bool> partial,
        IReadOnlyList<string> colors) => graph with
    {
        Series = ((IEnumerable<GraphSeries>)graph.Series).Select((series, s) => series with
        {
            Data = [.. series.Data.Select((point, i) =>
                i < partial.Count && partial[i] ? point with { FillColor = GraphStyles.Faded(colors[s]) } : point)],
        }).ToList(),
    };

    /// <summary>The colour of a value in the stacked graph; the values summed as "Other" share one.</summary>
    public string ColorOf(string value) => SplitColors.GetValueOrDefault(value) ?? OtherColor;

    public static string MeasureName(TrendMeasure measure) => measure == TrendMeasure.Plays ? "Plays"
        : "Listening time";

    private static GraphOptions SplitChart(List<GraphSeries> series, List<string> colors, TrendData trend,
        BucketAxis axis, string format, bool dark)
    {
        // Past a few months of days, bars become slivers: a stacked area reads better.
        var area = trend.Points.Count > 120;
        return new GraphOptions(
            Chart: new GraphSettings(area ? "area" : "bar", 320, Stacked: true, Toolbar: new GraphToolbar(false),
            Zoom: new GraphZoom(false)),
            Series: series,
            Xaxis: axis.Named
                ? new GraphXAxis(AxisBorder: new GraphAxisBorder(false), AxisTicks: new GraphAxisTicks(false))
                : new GraphXAxis("datetime", new GraphAxisLabels(DatetimeUTC: true), new GraphAxisBorder(false),
                    new GraphAxisTicks(false)),
            Yaxis: GraphStyles.ValueAxis,
            Colors: colors,
            Stroke: new GraphStroke(Width: area ? 1 : 0),
            Fill: area ? new GraphFill("solid", Opacity: 0.8) : new GraphFill("solid"),
            DataLabels: new GraphDataLabels(false),
            Grid: axis.Named ? GraphStyles.Grid(dark) : GraphStyles.TimeGrid(dark),
            Theme: GraphStyles.Theme(dark),
            Legend: new GraphLegend(true, "bottom"),
            Tooltip: new GraphTooltip(axis.Named ? null : new GraphTooltipX(axis.DateFormat), Shared: true,
            Intersect: false),
            PlotOptions: new GraphPlotOptions(new GraphBar(ColumnWidth: "70%")),
            Dashboard: new GraphFormats(Y: format));
    }

    private static double Value(TrendPoint point, TrendMeasure measure) =>
        Value(point.Plays, point.ListeningMs, measure);

    private static double Value(int plays, long listeningMs, TrendMeasure measure) =>
        measure == TrendMeasure.Plays ? plays : Figures.Hours(listeningMs);

    /// <summary>
    /// Where a bucket sits on the x axis: its name when there are few, its start on a time axis otherwise.
    /// </summary>
    private sealed record BucketAxis(Granularity Granularity, bool Named)
    {
        public object X(TrendPoint point) => Named ? Name(point) : GraphStyles.Epoch(point.Start);

        /// <summary>A day or the Monday a week starts on ("4 Nov"), or a month ("Nov 2024").</summary>
        public string Name(TrendPoint point) => Granularity == Granularity.Month
            ? point.Start.ToString("MMM yyyy", Figures.Culture)
            : GraphStyles.DayName(point.Start);

        /// <summary>How a time axis's tooltip names a bucket.</summary>
        public string DateFormat => Granularity switch
        {
            Granularity.Day => "ddd d MMM yyyy",
            Granularity.Week => "d MMM yyyy",
            _ => "MMMM yyyy",
        };
    }
}
