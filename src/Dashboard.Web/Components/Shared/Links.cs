using Dashboard.Core.Analytics;

namespace Dashboard.Web.Components.Shared;

/// <summary>Where links go: signing in, items' detail pages here, and Spotify's own page for them.</summary>
public static class Links
{
    /// <summary>
    /// Signing in with Spotify (again), back to <paramref name="returnUrl"/>, a local path, afterwards.
    /// </summary>
    public static string SignIn(string returnUrl) => $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// The target of links to the server's own endpoints, such as signing in: with "_top" the browser loads them
    /// itself instead of Blazor routing the click through the circuit first. In the browser tests on a loaded machine,
    /// a sign-in click made while the circuit was starting sometimes went nowhere.
    /// </summary>
    public const string ServerEndpoint = "_top";

    public static string Track(int id) => $"tracks/{id}";

    public static string Artist(int id) => $"artists/{id}";

    public static string Album(int id) => $"albums/{id}";

    public static string Show(int id) => $"shows/{id}";

    /// <summary>Every play of one track, artist, album or show, in the history.</summary>
    public static string History(DetailKind kind, int id) => kind switch
    {
        DetailKind.Track => $"history?track_id={id}",
        DetailKind.Artist => $"history?artist_id={id}",
        DetailKind.Album => $"history?album_id={id}",
        DetailKind.Show => $"history?show_id={id}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // Overloads that fit TopList's Link parameter as method groups.
    public static string Track(RankedItem item) => Track(item.Id);

    public static string Artist(RankedItem item) => Artist(item.Id);

    public static string Album(RankedItem item) => Album(item.Id);

    public static string Show(RankedItem item) => Show(item.Id);

    /// <summary>The detail page of an entry in a top list of <paramref name="kind"/>.</summary>
    public static string For(TopKind kind, int id) => kind switch
    {
        TopKind.Tracks => Track(id),
        TopKind.Artists => Artist(id),
        TopKind.Albums => Album(id),
        TopKind.Podcasts => Show(id),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The web player's page for a Spotify URI (<c>spotify:track:abc</c> becomes
    /// <c>https://open.spotify.com/track/abc</c>); null when there is no URI or it is not of that form.
    /// </summary>
    public static string? Spotify(string? uri)
    {
        var parts = uri?.Split(':');
        return parts is ["spotify", { Length: > 0 } type, { Length: > 0 } id]
            ? $"https://open.spotify.com/{type}/{Uri.EscapeDataString(id)}"
            : null;
    }
}
