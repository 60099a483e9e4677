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

    /// <summary>
    /// How a value is named for people (<see cref="Figures.Country"/>, <see cref="Figures.Platform"/>). Defaults to
    /// the value as recorded.
    /// </summary>
    [Parameter] public Func<string, string>? Names { get; set; }

    [Parameter] public string? TestId { get; set; }

    protected override void OnParametersSet() => _rows = Rows(Items, Names);

    public static List<NamedCount> Rows(IReadOnlyList<NamedCount> items, Func<string, string>? names)
    {
        var rows = items.Take(ShownOf(items.Count)).Select(item => item with { Name = Name(item.Name, names) })
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

    private static string Name(string value, Func<string, string>? names) =>
        value == Dimensions.Unknown ? "Unknown" : names?.Invoke(value) ?? value;

    private static string Width(double share) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(share * 100, 1, 100):0.#}%");
}
