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
    /// days lie outside the accepted ones or span too long (the same rules as the JSON API's). What cannot be read, and
    /// days beside a period that has its own, are noted in <paramref name="check"/>.
    /// </summary>
    public static PeriodSelection Parse(string? period, string? from, string? to, PeriodSelection fallback,
        AddressCheck? check = null)
    {
        if (!Periods.TryParse(period, from, to, fallback, out var selection, out var errors))
        {
            foreach (var error in errors)
            {
                check?.Ignore(error.Parameter, error.Parameter switch
                {
                    "period" => period,
                    "from" => from,
                    _ => to,
                }, error.Message);
            }
            return fallback;
        }
        if (selection.Period != Period.Custom)
        {
            if (!string.IsNullOrEmpty(from))
            {
                check?.Ignore("from", from, "a day only for period=custom");
            }
            if (!string.IsNullOrEmpty(to))
            {
                check?.Ignore("to", to, "a day only for period=custom");
            }
        }
        return selection;
    }

    /// <summary>The query of <paramref name="selection"/>: <c>period=year</c>, or a custom one with its days.</summary>
    public static string Parameters(PeriodSelection selection) =>
        selection is { Period: Period.Custom, From: { } from, To: { } to }
            ? $"period=custom&from={Day(from)}&to={Day(to)}"
            : $"period={selection.Period.Key()}";

    /// <summary>A day as addresses write it: <c>2025-01-31</c>.</summary>
    public static string Day(DateOnly day) => day.ToString(Periods.DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The current address with <paramref name="selection"/> in it, and <paramref name="others"/> (a null value removes
    /// its parameter), the rest kept.
    /// </summary>
    public static string Uri(NavigationManager navigation, PeriodSelection selection,
        IReadOnlyDictionary<string, object?>? others = null)
    {
        var parameters = new Dictionary<string, object?>(others ?? new Dictionary<string, object?>())
        {
            ["period"] = selection.Period.Key(),
            ["from"] = selection.From is { } from ? Day(from) : null,
            ["to"] = selection.To is { } to ? Day(to) : null,
        };
        return navigation.GetUriWithQueryParameters(parameters);
    }
}
