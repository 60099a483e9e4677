using Dashboard.Core.Formatting;
using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a figure moved against the previous period of equal length.</summary>
public sealed record Change(string Text, Color Color, string Icon)
{
    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/>; null when there is nothing to
    /// compare.
    /// </summary>
    public static Change? Between(double current, double? previous) => Figures.Change(current, previous) switch
    {
        null => null,
        { Direction: > 0 } up => new Change(up.Text, Color.Success, Icons.Material.Rounded.NorthEast),
        { Direction: < 0 } down => new Change(down.Text, Color.Error, Icons.Material.Rounded.SouthEast),
        var same => new Change(same.Text, Color.Default, Icons.Material.Rounded.Remove),
    };
}
