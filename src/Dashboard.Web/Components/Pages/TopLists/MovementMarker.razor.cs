using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.TopLists;

/// <summary>
/// How an entry moved since the previous period: an arrow and the places, "new" or "re-entry", with a spoken label.
/// </summary>
public partial class MovementMarker
{
    private Mark _mark = new("same", "Same place as before", null, "–");

    [Parameter, EditorRequired] public Movement Movement { get; set; }

    /// <summary>The entry's place now.</summary>
    [Parameter, EditorRequired] public int Rank { get; set; }

    /// <summary>Its place in the previous period. Defaults to none (new entries and re-entries had none).</summary>
    [Parameter] public int? PreviousRank { get; set; }

    protected override void OnParametersSet() => _mark = For(Movement, Rank, PreviousRank);

    public static Mark For(Movement movement, int rank, int? previousRank)
    {
        var places = Math.Abs((previousRank ?? rank) - rank);
        var was = previousRank is { } before ? $", was #{before}" : "";
        return movement switch
        {
            Movement.Up =>
                new("up", $"Up {Places(places)}{was}", Icons.Material.Rounded.ArrowUpward,
                    places.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Movement.Down =>
                new("down", $"Down {Places(places)}{was}", Icons.Material.Rounded.ArrowDownward,
                    places.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Movement.New => new("new", "New: first played in this period", null, "New"),
            Movement.ReEntry => new("reentry", "Re-entry: played before, but not in the previous period", null, "Re"),
            _ => new("same", $"Same place as before{was}", null, "–"),
        };
    }

    private static string Places(int places) => Figures.Count(places, "place");

    /// <param name="Css">The class suffix that colours it.</param>
    /// <param name="Label">What a screen reader says and the tooltip shows.</param>
    /// <param name="Text">What is shown next to the icon.</param>
    public sealed record Mark(string Css, string Label, string? Icon, string Text);
}
