using System.Net;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>Generated SVG artwork: a gradient from the id, with the item's initials.</summary>
internal static class Artwork
{
    public static string Svg(string kind, string id, EmulatorState state)
    {
        var name = kind switch
        {
            "album" => state.Catalog.FindAlbum(id)?.Name,
            "artist" => state.Catalog.FindArtist(id)?.Name,
            "user" => state.FindUser(id)?.DisplayName,
            "show" => state.Catalog.Shows.FirstOrDefault(s => s.Id == id)?.Name,
            _ => null,
        } ?? "?";
        var hash = (uint)id.Aggregate(17, (h, c) => unchecked(h * 31 + c));
        var hue1 = hash % 360;
        var hue2 = (hue1 + 40 + hash / 360 % 120) % 360;
        var initials = WebUtility.HtmlEncode(string.Concat(name
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetterOrDigit(w[0]))
            .Take(2)
            .Select(w => char.ToUpperInvariant(w[0]))));
        var shape = kind is "artist" or "user" ? "<circle cx=\"150\" cy=\"150\" r=\"150\" fill=\"url(#g)\"/>"
            : "<rect width=\"300\" height=\"300\" fill=\"url(#g)\"/>";
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300">
            <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stop-color="hsl({hue1},65%,55%)"/><stop offset="1" stop-color="hsl({hue2},70%,30%)"/>
            </linearGradient></defs>
            {shape}
            <text x="150" y="150" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="110"
                font-weight="700" fill="rgba(255,255,255,.9)">{initials}</text>
            </svg>
            """;
    }
}
