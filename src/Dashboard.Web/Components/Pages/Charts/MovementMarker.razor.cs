using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Pages.Charts;

/// <summary>
/// How a chart entry moved since last week, as public charts mark it: an arrow and the places, or a New/Re badge.
/// </summary>
public partial class MovementMarker
{
    [Parameter, EditorRequired] public Movement Movement { get; set; }

    /// <summary>This week's position.</summary>
    [Parameter, EditorRequired] public int Position { get; set; }

    /// <summary>Last week's position; null when it was not on last week's chart.</summary>
    [Parameter] public int? PreviousPosition { get; set; }

    private int Places => PreviousPosition is { } previous ? Math.Abs(previous - Position) : 0;

    private string Css => Movement switch
    {
        Movement.Up => "up",
        Movement.Down => "down",
        Movement.Same => "same",
        Movement.New => "new",
        _ => "re-entry",
    };

    private string Icon => Movement switch
    {
        Movement.Up => Icons.Material.Rounded.ArrowUpward,
        Movement.Down => Icons.Material.Rounded.ArrowDownward,
        _ => Icons.Material.Rounded.Remove,
    };

    /// <summary>What the marker says, for screen readers and as a tooltip.</summary>
    private string Label => Movement switch
    {
        Movement.Up => $"Up {Places} {PlacesWord} from {PreviousPosition}",
        Movement.Down => $"Down {Places} {PlacesWord} from {PreviousPosition}",
        Movement.Same => "Same place as last week",
        Movement.New => "New this week",
        _ => "Back on the chart",
    };

    private string PlacesWord => Figures.Noun(Places, "place");
}
