using System.Globalization;
using Dashboard.Core.Analytics;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// The period in a page's address (<c>?period=year</c>, <c>?period=custom&amp;from=2025-01-01&amp;to=2025-03-31</c>),
/// so every view can be bookmarked and shared.
/// </summary>
public static class PeriodQuery
{
    /// <summary>
    /// The selection in the address; <paramref name="fallback"/> when there is none or it cannot be read, as when its
    /// days lie outside the accepted ones or span too long (the same rules as the JSON API's).
    /// </summary>
    public static PeriodSelection Parse(string? period, string? from, string? to, PeriodSelection fallback) =>
        Periods.TryParse(period, from, to, fallback, out var selection, out _) ? selection : fallback;

    /// <summary>The current address with <paramref name="selection"/> in it, other parameters kept.</summary>
    public static string Uri(NavigationManager navigation, PeriodSelection selection) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["period"] = selection.Period.Key(),
            ["from"] = selection.From?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
            ["to"] = selection.To?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
        });
}
