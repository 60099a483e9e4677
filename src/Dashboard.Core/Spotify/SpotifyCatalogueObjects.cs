namespace Dashboard.Core.Spotify;

// Catalogue objects as the app reads them from the Web API: only the fields it keeps, snake_case on the wire (see
// SpotifyJson). Parameters with a default may be absent from Spotify's answer; the others must be there.

/// <summary>An artist as a track or album names it.</summary>
public sealed record SpotifyArtistSummary(string Id, string Name);

/// <summary>An album as a track names it (Spotify's simplified album).</summary>
/// <param name="ReleaseDate"><c>2019</c>, <c>2019-06</c> or <c>2019-06-14</c>, as
/// <paramref name="ReleaseDatePrecision"/> says.</param>
public sealed record SpotifyAlbumSummary(
    string Id,
    string Name,
    IReadOnlyList<SpotifyImage> Images,
    string ReleaseDate,
    string? ReleaseDatePrecision = null,
    IReadOnlyList<SpotifyArtistSummary>? Artists = null);

public sealed record SpotifyTrackExternalIds(string? Isrc = null);

/// <summary>A track (<c>GET /v1/tracks/{id}</c>, recently played, top tracks).</summary>
public sealed record SpotifyTrack(
    string Id,
    string Name,
    int DurationMs,
    bool Explicit,
    SpotifyAlbumSummary Album,
    IReadOnlyList<SpotifyArtistSummary> Artists,
    SpotifyTrackExternalIds? ExternalIds = null)
{
    /// <summary>The recording's ISRC, which matches the same recording across releases.</summary>
    public string? Isrc => ExternalIds?.Isrc;
}

/// <summary>An artist (<c>GET /v1/artists/{id}</c>, top artists, followed artists).</summary>
/// <param name="Genres">Absent when Spotify stops sending genres to development-mode apps, as it did
/// popularity.</param>
public sealed record SpotifyArtist(string Id, string Name, IReadOnlyList<SpotifyImage> Images,
    IReadOnlyList<string>? Genres = null)
{
    public SpotifyArtistSummary AsSummary() => new(Id, Name);
}

public sealed record SpotifyAlbumExternalIds(string? Upc = null);

/// <summary>An album (<c>GET /v1/albums/{id}</c>, saved albums).</summary>
public sealed record SpotifyAlbum(
    string Id,
    string Name,
    string AlbumType,
    IReadOnlyList<SpotifyImage> Images,
    string ReleaseDate,
    string ReleaseDatePrecision,
    int TotalTracks,
    IReadOnlyList<SpotifyArtistSummary> Artists,
    string? Label = null,
    SpotifyAlbumExternalIds? ExternalIds = null)
{
    public SpotifyAlbumSummary AsSummary() => new(Id, Name, Images, ReleaseDate, ReleaseDatePrecision, Artists);
}

/// <summary>Where a play came from: an album, playlist, artist or show.</summary>
public sealed record SpotifyContext(string Type, string Uri);

/// <summary>
/// Spotify's offset paging (top items, playlists, saved albums); <see cref="Next"/> is null on the last page.
/// </summary>
public sealed record SpotifyPage<T>(IReadOnlyList<T> Items, int Total, int Limit, int Offset, string? Next)
{
    public bool HasMore => Next is not null;
}

/// <summary>The windows Spotify computes top items over: about 4 weeks, 6 months and a year.</summary>
public enum SpotifyTimeRange
{
    ShortTerm,
    MediumTerm,
    LongTerm,
}
