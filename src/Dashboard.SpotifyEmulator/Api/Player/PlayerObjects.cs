using Dashboard.SpotifyEmulator.Api.Catalogue;

namespace Dashboard.SpotifyEmulator.Api.Player;

// The player objects of the Web API reference. Items are TrackObject or EpisodeObject, typed object so that the
// serialiser writes whichever it is.

internal sealed record ContextObject(string Type, string Href, ExternalUrls ExternalUrls, string Uri)
{
    /// <summary>
    /// The context of a play (<c>spotify:album:…</c>, <c>spotify:show:…</c>), or null when it has none.
    /// </summary>
    public static ContextObject? From(string? contextUri, string baseUrl)
    {
        if (contextUri?.Split(':') is not ["spotify", var type, var id])
        {
            return null;
        }
        return new ContextObject(type, $"{baseUrl}/v1/{type}s/{id}",
            new ExternalUrls($"https://open.spotify.com/{type}/{id}"),
            contextUri);
    }
}

internal sealed record DeviceObject(string Id, bool IsActive, bool IsPrivateSession, bool IsRestricted, string Name,
    string Type, int? VolumePercent, bool SupportsVolume);

/// <summary>What the player allows now; Spotify sends it as <c>{"disallows":{"resuming":true}}</c>.</summary>
internal sealed record PlaybackActions(IReadOnlyDictionary<string, bool> Disallows)
{
    public static PlaybackActions For(bool isPlaying) =>
        new(new Dictionary<string, bool> { [isPlaying ? "resuming" : "pausing"] = true });
}

internal sealed record PlaybackStateObject(
    DeviceObject Device,
    bool ShuffleState,
    bool SmartShuffle,
    string RepeatState,
    long Timestamp,
    ContextObject? Context,
    int ProgressMs,
    object? Item,
    string CurrentlyPlayingType,
    PlaybackActions Actions,
    bool IsPlaying);

internal sealed record CurrentlyPlayingObject(
    long Timestamp,
    ContextObject? Context,
    int ProgressMs,
    object? Item,
    string CurrentlyPlayingType,
    PlaybackActions Actions,
    bool IsPlaying);

internal sealed record QueueObject(object? CurrentlyPlaying, IReadOnlyList<object> Queue);

internal sealed record DevicesObject(IReadOnlyList<DeviceObject> Devices);

internal sealed record PlayHistoryObject(TrackObject? Track, string PlayedAt, ContextObject? Context);

internal sealed record CursorsObject(string After, string Before);

internal sealed record PlayHistoryPage(string Href, int Limit, string? Next, CursorsObject? Cursors,
    IReadOnlyList<PlayHistoryObject> Items);
