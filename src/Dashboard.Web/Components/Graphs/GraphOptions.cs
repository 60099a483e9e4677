using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Web.Components.Graphs;

// The subset of ApexCharts' options the pages use, as records. Serialised once per change to the
// camelCase JSON ApexCharts reads; nulls are left out so ApexCharts' defaults apply.

/// <param name="Series">A list of <see cref="GraphSeries"/> for axis graphs; a list of numbers for a donut.</param>
public sealed record GraphOptions(
    GraphSettings Chart,
    object Series,
    GraphXAxis? Xaxis = null,
    GraphYAxis? Yaxis = null,
    IReadOnlyList<string>? Colors = null,
    IReadOnlyList<string>? Labels = null,
    GraphStroke? Stroke = null,
    GraphFill? Fill = null,
    GraphDataLabels? DataLabels = null,
    GraphGrid? Grid = null,
    GraphTheme? Theme = null,
    GraphLegend? Legend = null,
    GraphTooltip? Tooltip = null,
    GraphPlotOptions? PlotOptions = null,
    GraphFormats? Dashboard = null,
    GraphMarkers? Markers = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record GraphSettings(
    string Type,
    int Height,
    bool? Stacked = null,
    string Background = "transparent",
    string FontFamily = "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    GraphToolbar? Toolbar = null,
    GraphZoom? Zoom = null,
    GraphAnimations? Animations = null);

public sealed record GraphToolbar(bool Show);

public sealed record GraphZoom(bool Enabled);

public sealed record GraphAnimations(bool Enabled, int Speed = 400);

public sealed record GraphSeries(string Name, IReadOnlyList<GraphPoint> Data);

/// <summary>
/// One point; for a datetime axis X is milliseconds since the epoch. A null Y is written out, not left out:
/// ApexCharts draws a gap in a line for it. <see cref="FillColor"/> colours this bar alone (a lighter one for a week
/// only partly in the period); none keeps the series' colour.
/// </summary>
public sealed record GraphPoint(object X, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Y,
    string? FillColor = null);

public sealed record GraphXAxis(
    string? Type = null,
    GraphAxisLabels? Labels = null,
    GraphAxisBorder? AxisBorder = null,
    GraphAxisTicks? AxisTicks = null,
    IReadOnlyList<string>? Categories = null,
    int? TickAmount = null);

public sealed record GraphYAxis(int? Min = null, GraphAxisLabels? Labels = null, int? TickAmount = null,
    bool? Reversed = null, int? Max = null);

public sealed record GraphAxisLabels(bool? DatetimeUTC = null, string? Format = null, bool? Show = null,
    bool? HideOverlappingLabels = null, int? MaxWidth = null);

public sealed record GraphAxisBorder(bool Show);

public sealed record GraphAxisTicks(bool Show);

public sealed record GraphStroke(string Curve = "smooth", double Width = 2, IReadOnlyList<string>? Colors = null);

public sealed record GraphFill(string Type, GraphGradient? Gradient = null, double? Opacity = null);

public sealed record GraphGradient(double OpacityFrom, double OpacityTo, double ShadeIntensity = 1);

public sealed record GraphDataLabels(bool Enabled);

public sealed record GraphGrid(string BorderColor, int StrokeDashArray = 4, GraphPadding? Padding = null);

public sealed record GraphPadding(int? Top = null, int? Right = null, int? Bottom = null, int? Left = null);

public sealed record GraphTheme(string Mode);

public sealed record GraphLegend(bool Show, string? Position = null);

public sealed record GraphTooltip(GraphTooltipX? X = null, bool? Shared = null, bool? Intersect = null);

public sealed record GraphTooltipX(string? Format = null);

public sealed record GraphPlotOptions(GraphBar? Bar = null, GraphHeatmap? Heatmap = null, GraphPie? Pie = null);

public sealed record GraphBar(int? BorderRadius = null, string? ColumnWidth = null, bool? Horizontal = null,
    string? BarHeight = null, bool? Distributed = null);

public sealed record GraphHeatmap(int Radius = 3, bool EnableShades = true, double ShadeIntensity = 0.6,
    bool Distributed = false);

public sealed record GraphPie(GraphDonut? Donut = null);

public sealed record GraphDonut(string Size = "68%");

/// <summary>Dots on a line's points; they show a point with no neighbours, which a line alone would not.</summary>
public sealed record GraphMarkers(double Size, double StrokeWidth = 0);

/// <summary>
/// Names of value formatters the JS module attaches (functions cannot travel as JSON): <c>integer</c>,
/// <c>hours</c>, <c>percent</c> or <c>rank</c> (a chart position, "#3"). <see cref="Y"/> formats the value axis and,
/// unless
/// <see cref="Tooltip"/> is given, the tooltip. <see cref="X"/> formats the x axis's labels, which hold the
/// values in a horizontal bar chart (its y axis holds the categories there). <see cref="Notes"/>, one per point of
/// the first series (null for none), follow the value in the tooltip.
/// </summary>
public sealed record GraphFormats(string? Y = null, string? Tooltip = null, string? X = null,
    IReadOnlyList<string?>? Notes = null);
