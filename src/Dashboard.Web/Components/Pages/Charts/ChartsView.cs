using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Formatting;
using Dashboard.Web.Components.Shared;
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
    /// tracks, and is noted in <paramref name="check"/>.
    /// </summary>
    public static ChartsView Parse(string? kind, string? week, string? length, AddressCheck? check = null)
    {
        var chartKind = string.Equals(kind, Key(ChartKind.Artists), StringComparison.OrdinalIgnoreCase)
            ? ChartKind.Artists : ChartKind.Tracks;
        if (!string.IsNullOrEmpty(kind) && !string.Equals(kind, Key(chartKind), StringComparison.OrdinalIgnoreCase))
        {
            check?.Ignore("kind", kind, "must be tracks or artists");
        }
        DateOnly? day = null;
        if (!string.IsNullOrEmpty(week))
        {
            if (!Periods.TryParseDate(week, out var date))
            {
                check?.Ignore("week", week, "must be a date as yyyy-MM-dd");
            }
            else if (!AcceptedDates.Contains(date))
            {
                check?.Ignore("week", week, AcceptedDates.OutsideMessage);
            }
            else
            {
                day = date;
            }
        }
        var places = ChartsService.DefaultLength;
        if (!string.IsNullOrEmpty(length))
        {
            if (int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
                && Lengths.Contains(asked))
            {
                places = asked;
            }
            else
            {
                check?.Ignore("length", length, $"must be one of {string.Join(", ", Lengths)}");
            }
        }
        return new ChartsView(chartKind, day, places);
    }

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
