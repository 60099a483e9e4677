using Dashboard.Core.Formatting;

namespace Dashboard.Web.Components.Graphs;

/// <summary>The look every graph shares, in light and dark.</summary>
public static class GraphStyles
{
    /// <summary>Series colours, the brand green first.</summary>
    public static readonly string[] Palette =
        ["#1DB954", "#6C5CE7", "#FF7A59", "#2F80ED", "#F2C94C", "#EB5757", "#00B8A9", "#9B51E0", "#56CCF2", "#F2994A",
            "#A0A4AA"];

    public static string Primary(bool dark) => dark ? "#1ED760" : "#1DB954";

    /// <summary>A lighter shade of a palette colour (#RRGGBB), for a bar that holds only part of its bucket.</summary>
    public static string Faded(string color) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"rgba({Convert.ToInt32(color[1..3], 16)}, {Convert.ToInt32(color[3..5], 16)}, " +
        $"{Convert.ToInt32(color[5..7], 16)}, 0.4)");

    public static GraphTheme Theme(bool dark) => new(dark ? "dark" : "light");

    public static GraphGrid Grid(bool dark) => new(dark ? "#2A2D31" : "#E6E8EB");

    /// <summary>
    /// Room on the right of a time axis, whose last label is centred on the edge and was cut ("Dec '2").
    /// </summary>
    public static GraphGrid TimeGrid(bool dark) => Grid(dark) with { Padding = new GraphPadding(Right: 18) };

    /// <summary>
    /// A value axis from 0 whose steps ApexCharts chooses: asked for exactly four, it stretched the axis to twice the
    /// highest bar (plays up to 90 on a scale to 200), leaving half the plot empty.
    /// </summary>
    public static readonly GraphYAxis ValueAxis = new(Min: 0);

    /// <summary>Midnight UTC of a day, as ApexCharts' datetime axis wants it (the axis is told to read UTC).</summary>
    public static long Epoch(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>
    /// Up to this many buckets each gets a bar named for it: a time axis spaces a handful of bars oddly (one to three
    /// days labelled by the hour with their bars off-centre, one month as a bar among days) but labels hundreds well.
    /// </summary>
    public const int MaxNamedBuckets = 16;

    /// <summary>A series over days: a bar named for each of a few days ("4 Nov"), a time axis for more.</summary>
    public static GraphOptions PerDay(string name, IReadOnlyList<(DateOnly Day, double Value)> points, bool dark,
        string format = "integer", int height = 300) =>
        points.Count <= MaxNamedBuckets
            ? Bars(name, [.. points.Select(p => DayName(p.Day))], [.. points.Select(p => p.Value)], dark,
                Primary(dark), height) with { Dashboard = new GraphFormats(Y: format) }
            : Daily(name, points, dark, format, height);

    /// <summary>A day as a named bar shows it: "4 Nov".</summary>
    public static string DayName(DateOnly day) => day.ToString("d MMM", Figures.Culture);

    /// <summary>A series over days on a time axis: bars for a month or so, an area beyond.</summary>
    public static GraphOptions Daily(string name, IReadOnlyList<(DateOnly Day, double Value)> points, bool dark,
        string format = "integer", int height = 300) =>
        OverTime(name, points, dark, format, height, area: points.Count > 120, "ddd d MMM yyyy",
            new GraphBar(BorderRadius: 3, ColumnWidth: "70%"));

    /// <summary>Bars over named categories (hours, weekdays).</summary>
    public static GraphOptions Bars(string name, IReadOnlyList<string> categories, IReadOnlyList<double> values,
        bool dark, string color, int height = 240) =>
        new(
            Chart: new GraphSettings("bar", height, Toolbar: new GraphToolbar(false), Zoom: new GraphZoom(false)),
            Series: new[] { new GraphSeries(name, categories.Zip(values, (c, v) => new GraphPoint(c, v)).ToList()) },
            Xaxis: new GraphXAxis(AxisBorder: new GraphAxisBorder(false), AxisTicks: new GraphAxisTicks(false)),
            Yaxis: ValueAxis,
            Colors: [color],
            DataLabels: new GraphDataLabels(false),
            Grid: Grid(dark),
            Theme: Theme(dark),
            PlotOptions: new GraphPlotOptions(new GraphBar(BorderRadius: 3, ColumnWidth: "65%")),
            Dashboard: new GraphFormats(Y: "integer"));

    /// <summary>
    /// A series over months (each point the first day of its month): bars for four years or less, an area beyond.
    /// </summary>
    public static GraphOptions Monthly(string name, IReadOnlyList<(DateOnly Month, double Value)> points, bool dark,
        string format = "integer", int height = 280) =>
        OverTime(name, points, dark, format, height, area: points.Count > 48, "MMMM yyyy",
            new GraphBar(BorderRadius: 2, ColumnWidth: "75%"));

    /// <summary>One value per day or month on a datetime axis, as bars or, for long series, a gradient area.</summary>
    private static GraphOptions OverTime(string name, IReadOnlyList<(DateOnly Start, double Value)> points, bool dark,
        string format, int height,
        bool area, string tooltipFormat, GraphBar bar) =>
        new(
            Chart: new GraphSettings(area ? "area" : "bar", height, Toolbar: new GraphToolbar(false),
            Zoom: new GraphZoom(false)),
            Series: new[] { new GraphSeries(name,
            points.Select(p => new GraphPoint(Epoch(p.Start), p.Value)).ToList()) },
            Xaxis: new GraphXAxis("datetime", new GraphAxisLabels(DatetimeUTC: true), new GraphAxisBorder(false),
            new GraphAxisTicks(false)),
            Yaxis: ValueAxis,
            Colors: [Primary(dark)],
            Stroke: new GraphStroke(Width: area ? 2 : 0),
            Fill: area ? new GraphFill("gradient", new GraphGradient(0.45, 0.05)) : new GraphFill("solid"),
            DataLabels: new GraphDataLabels(false),
            Grid: TimeGrid(dark),
            Theme: Theme(dark),
            Tooltip: new GraphTooltip(new GraphTooltipX(tooltipFormat)),
            PlotOptions: new GraphPlotOptions(bar),
            Dashboard: new GraphFormats(Y: format));

    /// <summary>
    /// Positions in a chart of <paramref name="length"/> places over weeks, first place on top. A null position
    /// (a week off the chart) breaks the line.
    /// </summary>
    public static GraphOptions Positions(string name, IReadOnlyList<(DateOnly Week, int? Position)> points, int length,
        bool dark, string color, int height = 280) =>
        new(
            Chart: new GraphSettings("line", height, Toolbar: new GraphToolbar(false), Zoom: new GraphZoom(false)),
            Series: new[] { new GraphSeries(name,
            points.Select(p => new GraphPoint(Epoch(p.Week), p.Position)).ToList()) },
            Xaxis: new GraphXAxis("datetime", new GraphAxisLabels(DatetimeUTC: true), new GraphAxisBorder(false),
            new GraphAxisTicks(false)),
            // From 0, not 1, so a first place is not drawn on the top edge; the rank format leaves 0 unlabelled.
            Yaxis: new GraphYAxis(Min: 0, Max: length, TickAmount: 4, Reversed: true),
            Colors: [color],
            Stroke: new GraphStroke(Curve: "straight", Width: 2),
            DataLabels: new GraphDataLabels(false),
            Grid: TimeGrid(dark),
            Theme: Theme(dark),
            Tooltip: new GraphTooltip(new GraphTooltipX("d MMM yyyy")),
            Dashboard: new GraphFormats(Y: "rank"),
            Markers: new GraphMarkers(3));
}
