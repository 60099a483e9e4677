using System.Text.Json.Serialization;

namespace Dashboard.Core.Spotify;

// What the player page shows: playback state, devices, queue. The item playing may be a track or, since the client
// asks for them, a podcast episode.

public sealed record SpotifyShowSummary(string Id, string Name);

/// <summary>
/// A track or an episode in the player. Tracks carry <see cref="Album"/> and <see cref="Artists"/>, episodes
/// <see cref="Show"/> and <see cref="Images"/>.
/// </summary>
/// <param name="Type"><c>track</c> or <c>episode</c>.</param>
/// <param name="Id">Null for a local file, which Spotify plays but does not know.</param>
public sealed record SpotifyPlayingItem(
    string Type,
    string? Id,
    string Name,
    int DurationMs,
    bool Explicit = false,
    SpotifyAlbumSummary? Album = null,
    IReadOnlyList<SpotifyArtistSummary>? Artists = null,
    SpotifyShowSummary? Show = null,
    IReadOnlyList<SpotifyImage>? Images = null)
{
    /// <summary>The cover to show: the album's for a track, the episode's own otherwise.</summary>
    public IReadOnlyList<SpotifyImage> Artwork => Album?.Images ?? Images ?? [];
}

/// <param name="Id">Spotify may leave it null for a device that cannot be addressed.</param>
public sealed record SpotifyDevice(
    string? Id,
    bool IsActive,
    bool IsPrivateSession,
    bool IsRestricted,
    string Name,
    string Type,
    int? VolumePercent,
    bool SupportsVolume);

/// <summary><c>GET /v1/me/player</c>: the active device and what it plays.</summary>
/// <param name="Timestamp">When the playback state last changed (play, pause, skip, new item).</param>
/// <param name="CurrentlyPlayingType"><c>track</c>, <c>episode</c>, <c>ad</c> or <c>unknown</c>.</param>
public sealed record SpotifyPlaybackState(
    SpotifyDevice Device,
    bool ShuffleState,
    string RepeatState,
    [property: JsonConverter(typeof(UnixMillisecondsJsonConverter))] DateTimeOffset Timestamp,
    SpotifyContext? Context,
    int? ProgressMs,
    SpotifyPlayingItem? Item,
    string CurrentlyPlayingType,
    bool IsPlaying);

/// <summary><c>GET /v1/me/player/currently-playing</c>: what plays, without the device.</summary>
/// <param name="Timestamp">When Spotify produced this answer.</param>
public sealed record SpotifyCurrentlyPlaying(
    [property: JsonConverter(typeof(UnixMillisecondsJsonConverter))] DateTimeOffset Timestamp,
    SpotifyContext? Context,
    int? ProgressMs,
    SpotifyPlayingItem? Item,
    string CurrentlyPlayingType,
    bool IsPlaying);

/// <summary>What plays now and what comes next.</summary>
public sealed record SpotifyQueue(SpotifyPlayingItem? CurrentlyPlaying, IReadOnlyList<SpotifyPlayingItem> Queue);

/// <summary>How a player command (play, pause, next, previous) ended; the player page shows each plainly.</summary>
public enum PlayerCommandResult
{
    Done,

    /// <summary>Spotify controls playback only for Premium accounts (403 <c>PREMIUM_REQUIRED</c>).</summary>
    PremiumRequired,

    /// <summary>No device is playing or paused (404 <c>NO_ACTIVE_DEVICE</c>): start Spotify somewhere first.</summary>
    NoActiveDevice,

    /// <summary>The player does not allow it now (403), e.g. pausing what is already paused.</summary>
    NotAllowedNow,
}
