using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Trend;

/// <summary>What the graph measures.</summary>
public enum TrendMeasure
{
    Plays,
    Time,
}

/// <summary>
/// What the Trend page shows, all of it in the address so a view can be bookmarked and shared. The names are
/// the JSON API's (<c>breakdown</c> is its <c>breakdown_dimension</c>, and so on).
/// </summary>
public sealed record TrendView(
    PeriodSelection Selection,
    Granularity? Granularity = null,
    Dimension? Breakdown = null,
    string? Filter = null,
    Dimension? Breakdown2 = null,
    string? Filter2 = null,
    TrendMeasure Measure = TrendMeasure.Plays)
{
    /// <summary>
    /// Reads the address beside its period, <paramref name="selection"/>. Parts that cannot be read are left out, and
    /// so is each level whose parent is missing (a kept value without its dimension, a second split without a kept
    /// value), as the service would ignore them; each is noted in <paramref name="check"/>.
    /// </summary>
    public static TrendView Parse(PeriodSelection selection, string? granularity, string? breakdown, string? filter,
        string? breakdown2, string? filter2, string? measure, AddressCheck? check = null)
    {
        var view = new TrendView(
            selection,
            ParseGranularity(granularity, check),
            Measure: ParseMeasure(measure, check));
        var dimensions = $"must be one of {string.Join(", ", Enum.GetValues<Dimension>().Select(d => d.Key()))}";
        if (!Dimensions.TryParse(breakdown, out var first))
        {
            Unused(check, ("breakdown", breakdown, dimensions), ("filter", filter, "a value only with a breakdown"),
                ("breakdown2", breakdown2, "only with a kept value"), ("filter2", filter2, "only with a breakdown2"));
            return view;
        }
        view = view with { Breakdown = first };
        if (string.IsNullOrEmpty(filter))
        {
            Unused(check, ("breakdown2", breakdown2, "only with a kept value (filter)"),
                ("filter2", filter2, "only with a breakdown2"));
            return view;
        }
        view = view with { Filter = filter };
        if (!Dimensions.TryParse(breakdown2, out var second) || second == first)
        {
            Unused(check, ("breakdown2", breakdown2, second == first && !string.IsNullOrEmpty(breakdown2)
                    ? "must differ from breakdown" : dimensions),
                ("filter2", filter2, "only with a breakdown2"));
            return view;
        }
        view = view with { Breakdown2 = second };
        return string.IsNullOrEmpty(filter2) ? view : view with { Filter2 = filter2 };
    }

    /// <summary>Notes the parameters given that the view cannot use, each with why.</summary>
    private static void Unused(AddressCheck? check, params (string Name, string? Value, string Why)[] parameters)
    {
        foreach (var (name, value, why) in parameters.Where(p => !string.IsNullOrEmpty(p.Value)))
        {
            check?.Ignore(name, value, why);
        }
    }

    private static TrendMeasure ParseMeasure(string? key, AddressCheck? check)
    {
        if (string.Equals(key, "time", StringComparison.OrdinalIgnoreCase))
        {
            return TrendMeasure.Time;
        }
        if (!string.IsNullOrEmpty(key) && !string.Equals(key, "plays", StringComparison.OrdinalIgnoreCase))
        {
            check?.Ignore("measure", key, "must be plays or time");
        }
        return TrendMeasure.Plays;
    }

    public static string Key(Granularity granularity) => granularity.ToString().ToLowerInvariant();

    private static Granularity? ParseGranularity(string? key, AddressCheck? check)
    {
        var granularity = Enum.GetValues<Granularity>().Cast<Granularity?>()
            .FirstOrDefault(g => string.Equals(Key(g!.Value), key, StringComparison.OrdinalIgnoreCase));
        if (granularity is null && !string.IsNullOrEmpty(key))
        {
            check?.Ignore("granularity", key,
                $"must be one of {string.Join(", ", Enum.GetValues<Granularity>().Select(Key))}");
        }
        return granularity;
    }

    public TrendQuery Query => new(Selection, Granularity, Breakdown, Filter, Breakdown2, Filter2);

    /// <summary>
    /// The dimension the table and the stacked graph split by: the second one once a value of the first is kept.
    /// </summary>
    public Dimension? SplitBy => Filter is null ? Breakdown : Breakdown2;

    /// <summary>
    /// The request that lists the values of the first dimension while one of them is kept (the filtered answer
    /// only has the kept one); null when the answer itself lists them.
    /// </summary>
    public TrendQuery? FirstValuesQuery => Filter is null ? null : new TrendQuery(Selection, Granularity, Breakdown);

    /// <summary>The same for the second dimension while one of its values is kept.</summary>
    public TrendQuery? SecondValuesQuery => Filter2 is null ? null
        : new TrendQuery(Selection, Granularity, Breakdown, Filter, Breakdown2);

    /// <summary>A new first dimension starts the breakdown over.</summary>
    public TrendView WithBreakdown(Dimension? dimension) =>
        this with { Breakdown = dimension, Filter = null, Breakdown2 = null, Filter2 = null };

    /// <summary>
    /// Keeping another value keeps the second split, so the same question can be asked of each value.
    /// </summary>
    public TrendView WithFilter(string? value) =>
        this with { Filter = value, Breakdown2 = value is null ? null : Breakdown2, Filter2 = null };

    public TrendView WithBreakdown2(Dimension? dimension) => this with { Breakdown2 = dimension, Filter2 = null };

    public TrendView WithFilter2(string? value) => this with { Filter2 = value };

    /// <summary>Keeps a value of the dimension the table splits by.</summary>
    public TrendView Keep(string value) => Filter is null ? WithFilter(value) : WithFilter2(value);

    /// <summary>The current address with this view in it, other parameters kept.</summary>
    public string Uri(NavigationManager navigation) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["period"] = Selection.Period.Key(),
            ["from"] = Selection.From?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
            ["to"] = Selection.To?.ToString(Periods.DateFormat, CultureInfo.InvariantCulture),
            ["granularity"] = Granularity is { } granularity ? Key(granularity) : null,
            ["breakdown"] = Breakdown?.Key(),
            ["filter"] = Filter,
            ["breakdown2"] = Breakdown2?.Key(),
            ["filter2"] = Filter2,
            ["measure"] = Measure == TrendMeasure.Time ? "time" : null,
        });
}
