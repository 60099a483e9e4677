using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Graphs;

namespace Dashboard.Web.Components.Pages.Details;

/// <summary>A detail page's graphs, built from the item's figures.</summary>
/// <param name="Run">The weekly chart run; null when the item never made the weekly top 20.</param>
public sealed record DetailGraphs(GraphOptions OverTime, IReadOnlyList<TrendPoint> Months, GraphOptions? Run,
    IReadOnlyList<(DateOnly Week, int? Position)> Weeks)
{
    /// <summary>
    /// At least a year on the monthly graph, so a few months of plays do not stretch into a handful of wide bars.
    /// </summary>
    public const int MinimumMonths = 12;

    public static DetailGraphs For(ItemDetail detail, bool dark)
    {
        var months = EveryMonth(detail.OverTime);
        var weeks = EveryWeek(detail.ChartHistory);
        return new DetailGraphs(
            GraphStyles.Monthly("Plays", months.Select(m => (m.Start, (double)m.Plays)).ToList(), dark),
            months,
            weeks.Count == 0 ? null
            : GraphStyles.Positions("Position", weeks, ChartsService.DefaultLength, dark, GraphStyles.Palette[1]),
            weeks);
    }

    /// <summary>
    /// Every month from the first play to the last, with the months without plays as zeros (the service lists
    /// only months with plays), reaching back far enough for <see cref="MinimumMonths"/>.
    /// </summary>
    public static List<TrendPoint> EveryMonth(IReadOnlyList<TrendPoint> played)
    {
        if (played.Count == 0)
        {
            return [];
        }
        var byStart = played.ToDictionary(p => p.Start);
        var last = played.Max(p => p.Start);
        var first = played.Min(p => p.Start);
        var earliest = last.AddMonths(1 - MinimumMonths);
        if (earliest < first)
        {
            first = earliest;
        }
        var months = new List<TrendPoint>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            months.Add(byStart.GetValueOrDefault(month)
                ?? new TrendPoint(TrendService.Label(month, Granularity.Month), month, 0, 0));
        }
        return months;
    }

    /// <summary>Every week from the first on the chart to the last, null where the item was off it.</summary>
    public static List<(DateOnly Week, int? Position)> EveryWeek(IReadOnlyList<ChartPosition> history)
    {
        if (history.Count == 0)
        {
            return [];
        }
        var byWeek = history.ToDictionary(p => p.WeekStart, p => p.Position);
        var weeks = new List<(DateOnly, int?)>();
        for (var week = history.Min(p => p.WeekStart); week <= history.Max(p => p.WeekStart); week = week.AddDays(7))
        {
            weeks.Add((week, byWeek.TryGetValue(week, out var position) ? position : null));
        }
        return weeks;
    }
}
