using MudBlazor;

namespace Dashboard.Web.Components.Shared;

/// <summary>How a figure moved against the previous period of equal length.</summary>
public sealed record Change(string Text, Color Color, string Icon)
{
    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>; null when there is nothing to compare.</summary>
    public static Change? Between(double current, double? previous)
    {
        if (previous is not { } before)
        {
            return null;
        }
        if (before == 0)
        {
            return current == 0 ? new Change("no change", Color.Default, Icons.Material.Rounded.Remove) : new Change("new", Color.Success, Icons.Material.Rounded.NorthEast);
        }
        var percent = (current - before) / before * 100;
        return Math.Abs(percent) < 0.5
            ? new Change("no change", Color.Default, Icons.Material.Rounded.Remove)
            : percent > 0
                ? new Change($"+{percent:0}%", Color.Success, Icons.Material.Rounded.NorthEast)
                : new Change($"{percent:0}%", Color.Error, Icons.Material.Rounded.SouthEast);
    }
}
