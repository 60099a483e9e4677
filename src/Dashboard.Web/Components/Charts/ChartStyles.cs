namespace Dashboard.Web.Components.Charts;

/// <summary>The look every chart shares, in light and dark.</summary>
public static class ChartStyles
{
    /// <summary>Series colours, the brand green first.</summary>
    public static readonly string[] Palette =
        ["#1DB954", "#6C5CE7", "#FF7A59", "#2F80ED", "#F2C94C", "#EB5757", "#00B8A9", "#9B51E0", "#56CCF2", "#F2994A", "#A0A4AA"];

    public static string Primary(bool dark) => dark ? "#1ED760" : "#1DB954";

    public static ChartTheme Theme(bool dark) => new(dark ? "dark" : "light");

    public static ChartGrid Grid(bool dark) => new(dark ? "#2A2D31" : "#E6E8EB");

    /// <summary>Room on the right of a time axis, whose last label is centred on the edge and was cut ("Dec '2").</summary>
    public static ChartGrid TimeGrid(bool dark) => Grid(dark) with { Padding = new ChartPadding(Right: 18) };

    /// <summary>
    /// A value axis from 0 whose steps ApexCharts chooses: asked for exactly four, it stretched the axis to twice the
    /// highest bar (plays up to 90 on a scale to 200), leaving half the plot empty.
    /// </summary>
    public static readonly ChartYAxis ValueAxis = new(Min: 0);

    /// <summary>Midnight UTC of a day, as ApexCharts' datetime axis wants it (the axis is told to read UTC).</summary>
    public static long Epoch(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A series over days: bars for a month or less, an area beyond.</summary>
    public static ChartOptions Daily(string name, IReadOnlyList<(DateOnly Day, double Value)> points, bool dark, string format = "integer", int height = 300)
    {
        var area = points.Count > 120;
        return new ChartOptions(
            Chart: new ChartSettings(area ? "area" : "bar", height, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: new[] { new ChartSeries(name, points.Select(p => new ChartPoint(Epoch(p.Day), p.Value)).ToList()) },
            Xaxis: new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            Yaxis: ValueAxis,
            Colors: [Primary(dark)],
            Stroke: new ChartStroke(Width: area ? 2 : 0),
            Fill: area ? new ChartFill("gradient", new ChartGradient(0.45, 0.05)) : new ChartFill("solid"),
            DataLabels: new ChartDataLabels(false),
            Grid: TimeGrid(dark),
            Theme: Theme(dark),
            Tooltip: new ChartTooltip(new ChartTooltipX("ddd d MMM yyyy")),
            PlotOptions: new ChartPlotOptions(new ChartBar(BorderRadius: 3, ColumnWidth: "70%")),
            Dashboard: new ChartFormats(Y: format));
    }

    /// <summary>Bars over named categories (hours, weekdays).</summary>
    public static ChartOptions Bars(string name, IReadOnlyList<string> categories, IReadOnlyList<double> values, bool dark, string color, int height = 240) =>
        new(
            Chart: new ChartSettings("bar", height, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: new[] { new ChartSeries(name, categories.Zip(values, (c, v) => new ChartPoint(c, v)).ToList()) },
            Xaxis: new ChartXAxis(AxisBorder: new ChartAxisBorder(false), AxisTicks: new ChartAxisTicks(false)),
            Yaxis: ValueAxis,
            Colors: [color],
            DataLabels: new ChartDataLabels(false),
            Grid: Grid(dark),
            Theme: Theme(dark),
            PlotOptions: new ChartPlotOptions(new ChartBar(BorderRadius: 3, ColumnWidth: "65%")),
            Dashboard: new ChartFormats(Y: "integer"));

    /// <summary>A series over months (each point the first day of its month): bars for four years or less, an area beyond.</summary>
    public static ChartOptions Monthly(string name, IReadOnlyList<(DateOnly Month, double Value)> points, bool dark, string format = "integer", int height = 280)
    {
        var area = points.Count > 48;
        return new ChartOptions(
            Chart: new ChartSettings(area ? "area" : "bar", height, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: new[] { new ChartSeries(name, points.Select(p => new ChartPoint(Epoch(p.Month), p.Value)).ToList()) },
            Xaxis: new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            Yaxis: ValueAxis,
            Colors: [Primary(dark)],
            Stroke: new ChartStroke(Width: area ? 2 : 0),
            Fill: area ? new ChartFill("gradient", new ChartGradient(0.45, 0.05)) : new ChartFill("solid"),
            DataLabels: new ChartDataLabels(false),
            Grid: TimeGrid(dark),
            Theme: Theme(dark),
            Tooltip: new ChartTooltip(new ChartTooltipX("MMMM yyyy")),
            PlotOptions: new ChartPlotOptions(new ChartBar(BorderRadius: 2, ColumnWidth: "75%")),
            Dashboard: new ChartFormats(Y: format));
    }

    /// <summary>
    /// Positions in a chart of <paramref name="length"/> places over weeks, first place on top. A null position
    /// (a week off the chart) breaks the line.
    /// </summary>
    public static ChartOptions Positions(string name, IReadOnlyList<(DateOnly Week, int? Position)> points, int length, bool dark, string color, int height = 280) =>
        new(
            Chart: new ChartSettings("line", height, Toolbar: new ChartToolbar(false), Zoom: new ChartZoom(false)),
            Series: new[] { new ChartSeries(name, points.Select(p => new ChartPoint(Epoch(p.Week), p.Position)).ToList()) },
            Xaxis: new ChartXAxis("datetime", new ChartAxisLabels(DatetimeUTC: true), new ChartAxisBorder(false), new ChartAxisTicks(false)),
            // From 0, not 1, so a first place is not drawn on the top edge; the rank format leaves 0 unlabelled.
            Yaxis: new ChartYAxis(Min: 0, Max: length, TickAmount: 4, Reversed: true),
            Colors: [color],
            Stroke: new ChartStroke(Curve: "straight", Width: 2),
            DataLabels: new ChartDataLabels(false),
            Grid: TimeGrid(dark),
            Theme: Theme(dark),
            Tooltip: new ChartTooltip(new ChartTooltipX("d MMM yyyy")),
            Dashboard: new ChartFormats(Y: "rank"),
            Markers: new ChartMarkers(3));
}
