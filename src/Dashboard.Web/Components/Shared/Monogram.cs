namespace Dashboard.Web.Components.Shared;

/// <summary>
/// What stands in for missing artwork or a profile picture: a name's initials on a colour of its own.
/// </summary>
public static class Monogram
{
    /// <summary>
    /// A colour of its own for an item without artwork, the same every time for the same name. Dark enough that the
    /// white initials read at 4.5:1 whatever the hue (at 30% lightness the lightest hue, yellow, gives 5.3:1).
    /// </summary>
    public static string Style(string name)
    {
        var hash = name.Aggregate(17u, (h, c) => unchecked(h * 31 + c));
        return $"background: hsl({hash % 360}, 45%, 30%); color: #fff;";
    }

    /// <summary>The monogram's colour when there is no artwork to show; none when there is.</summary>
    public static string? StyleFor(string? imageUrl, string name) => imageUrl is null ? Style(name) : null;

    public static string Initials(string? name) =>
        string.Concat((name ?? "?").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => char.IsLetterOrDigit(word[0]))
            .Take(2)
            .Select(word => char.ToUpperInvariant(word[0])));
}
