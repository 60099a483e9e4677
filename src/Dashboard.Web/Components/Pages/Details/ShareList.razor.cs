using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Pages.Details;

/// <summary>
/// Where an item was played (platforms, countries): each value's share of the plays as a bar, the long tail as "Other".
/// </summary>
public partial class ShareList
{
    /// <summary>Values shown on their own; the rest are summed into one "Other" row.</summary>
    public const int Shown = 6;

    private List<NamedCount> _rows = [];

    [Parameter, EditorRequired] public string Title { get; set; } = "";

    [Parameter, EditorRequired] public IReadOnlyList<NamedCount> Items { get; set; } = [];

    [Parameter, EditorRequired] public string Icon { get; set; } = "";

    /// <summary>The values are two-letter country codes, shown by their English names. Defaults to false.</summary>
    [Parameter] public bool Countries { get; set; }

    [Parameter] public string? TestId { get; set; }

    protected override void OnParametersSet() => _rows = Rows(Items, Countries);

    public static List<NamedCount> Rows(IReadOnlyList<NamedCount> items, bool countries)
    {
        var rows = items.Take(ShownOf(items.Count)).Select(item => item with { Name = Name(item.Name, countries) })
            .ToList();
        var rest = items.Skip(rows.Count).ToList();
        if (rest.Count > 0)
        {
            rows.Add(new NamedCount($"Other ({rest.Count})", rest.Sum(r => r.Plays), rest.Sum(r => r.Share)));
        }
        return rows;
    }

    /// <summary>All of them when one more would only be replaced by an "Other" row.</summary>
    private static int ShownOf(int count) => count <= Shown + 1 ? count : Shown;

    private static string Name(string value, bool countries) =>
        value == Dimensions.Unknown ? "Unknown" : countries ? Figures.Country(value) : value;

    private static string Width(double share) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(share * 100, 1, 100):0.#}%");
}
