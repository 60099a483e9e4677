using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Formatting;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Charts;

/// <summary>
/// Which weekly chart the Charts page shows, from its address: <c>kind</c> (tracks or artists), <c>week</c>
/// (any day of it, yyyy-MM-dd; none means the latest week with plays) and <c>length</c> (10, 20 or 50 places).
/// </summary>
public sealed record ChartsView(ChartKind Kind = ChartKind.Tracks, DateOnly? Week = null,
    int Length = ChartsService.DefaultLength)
{
    /// <summary>The chart lengths on offer: what "on the chart" means for weeks on chart and re-entries.</summary>
    public static readonly int[] Lengths = [10, 20, 50];

    /// <summary>
    /// Reads the address; what cannot be read (a week outside the accepted days too) falls back to the latest top 20
    /// tracks.
    /// </summary>
    public static ChartsView Parse(string? kind, string? week, string? length) => new(
        string.Equals(kind, Key(ChartKind.Artists), StringComparison.OrdinalIgnoreCase) ? ChartKind.Artists
        : ChartKind.Tracks,
        Periods.TryParseDate(week, out var day) && AcceptedDates.Contains(day) ? day : null,
        int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var places)
        && Lengths.Contains(places) ? places : ChartsService.DefaultLength);

    public static string Key(ChartKind kind) => kind == ChartKind.Artists ? "artists" : "tracks";

    /// <summary>The current address with this view in it, other parameters kept.</summary>
    public string Uri(NavigationManager navigation) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["kind"] = Key(Kind),
            ["week"] = Week?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
            ["length"] = Length,
        });

    /// <summary>
    /// A Monday-to-Sunday week as public charts name it: "4 – 10 Nov 2024", "28 Oct – 3 Nov 2024".
    /// </summary>
    public static string WeekText(DateOnly start)
    {
        var end = start.AddDays(6);
        var from = start.Year != end.Year ? start.ToString("d MMM yyyy", Figures.Culture)
            : start.Month != end.Month ? start.ToString("d MMM", Figures.Culture)
            : start.ToString("%d", Figures.Culture);
        return $"{from} – {end.ToString("d MMM yyyy", Figures.Culture)}";
    }
}
