using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Components.Charts;

// The subset of ApexCharts' options the pages use, as records. Serialised once per change to the
// camelCase JSON ApexCharts reads; nulls are left out so ApexCharts' defaults apply.

/// <param name="Series">A list of <see cref="ChartSeries"/> for axis charts; a list of numbers for a donut.</param>
public sealed record ChartOptions(
    ChartSettings Chart,
    object Series,
    ChartXAxis? Xaxis = null,
    ChartYAxis? Yaxis = null,
    IReadOnlyList<string>? Colors = null,
    IReadOnlyList<string>? Labels = null,
    ChartStroke? Stroke = null,
    ChartFill? Fill = null,
    ChartDataLabels? DataLabels = null,
    ChartGrid? Grid = null,
    ChartTheme? Theme = null,
    ChartLegend? Legend = null,
    ChartTooltip? Tooltip = null,
    ChartPlotOptions? PlotOptions = null,
    ChartFormats? Dashboard = null,
    ChartMarkers? Markers = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record ChartSettings(
    string Type,
    int Height,
    bool? Stacked = null,
    string Background = "transparent",
    string FontFamily = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    ChartToolbar? Toolbar = null,
    ChartZoom? Zoom = null,
    ChartAnimations? Animations = null);

public sealed record ChartToolbar(bool Show);

public sealed record ChartZoom(bool Enabled);

public sealed record ChartAnimations(bool Enabled, int Speed = 400);

public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Data);

/// <summary>
/// One point; for a datetime axis X is milliseconds since the epoch. A null Y is written out, not left out:
/// ApexCharts draws a gap in a line for it.
/// </summary>
public sealed record ChartPoint(object X, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Y);

public sealed record ChartXAxis(
    string? Type = null,
    ChartAxisLabels? Labels = null,
    ChartAxisBorder? AxisBorder = null,
    ChartAxisTicks? AxisTicks = null,
    IReadOnlyList<string>? Categories = null,
    int? TickAmount = null);

public sealed record ChartYAxis(int? Min = null, ChartAxisLabels? Labels = null, int? TickAmount = null, bool? Reversed = null, int? Max = null);

public sealed record ChartAxisLabels(bool? DatetimeUTC = null, string? Format = null, bool? Show = null, bool? HideOverlappingLabels = null, int? MaxWidth = null);

public sealed record ChartAxisBorder(bool Show);

public sealed record ChartAxisTicks(bool Show);

public sealed record ChartStroke(string Curve = "smooth", double Width = 2, IReadOnlyList<string>? Colors = null);

public sealed record ChartFill(string Type, ChartGradient? Gradient = null, double? Opacity = null);

public sealed record ChartGradient(double OpacityFrom, double OpacityTo, double ShadeIntensity = 1);

public sealed record ChartDataLabels(bool Enabled);

public sealed record ChartGrid(string BorderColor, int StrokeDashArray = 4, ChartPadding? Padding = null);

public sealed record ChartPadding(int? Top = null, int? Right = null, int? Bottom = null, int? Left = null);

public sealed record ChartTheme(string Mode);

public sealed record ChartLegend(bool Show, string? Position = null);

public sealed record ChartTooltip(ChartTooltipX? X = null, bool? Shared = null, bool? Intersect = null);

public sealed record ChartTooltipX(string? Format = null);

public sealed record ChartPlotOptions(ChartBar? Bar = null, ChartHeatmap? Heatmap = null, ChartPie? Pie = null);

public sealed record ChartBar(int? BorderRadius = null, string? ColumnWidth = null, bool? Horizontal = null, string? BarHeight = null, bool? Distributed = null);

public sealed record ChartHeatmap(int Radius = 3, bool EnableShades = true, double ShadeIntensity = 0.6, bool Distributed = false);

public sealed record ChartPie(ChartDonut? Donut = null);

public sealed record ChartDonut(string Size = "68%");

/// <summary>Dots on a line's points; they show a point with no neighbours, which a line alone would not.</summary>
public sealed record ChartMarkers(double Size, double StrokeWidth = 0);

/// <summary>
/// Names of value formatters the JS module attaches (functions cannot travel as JSON): <c>integer</c>,
/// <c>hours</c>, <c>percent</c> or <c>rank</c> (a chart position, "#3"). <see cref="Y"/> formats the value axis and, unless
/// <see cref="Tooltip"/> is given, the tooltip. <see cref="X"/> formats the x axis's labels, which hold the
/// values in a horizontal bar chart (its y axis holds the categories there).
/// </summary>
public sealed record ChartFormats(string? Y = null, string? Tooltip = null, string? X = null);
