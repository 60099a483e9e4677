namespace Dashboard.Core.Spotify;

// The user's library: playlists, saved albums, followed artists.

public sealed record SpotifyPlaylistOwner(string Id, string? DisplayName);

/// <summary>Where a playlist's items are and how many there are.</summary>
public sealed record SpotifyPlaylistItemsRef(string Href, int Total);

/// <summary>A playlist of the user's (<c>GET /v1/me/playlists</c>).</summary>
/// <param name="Items">
/// Spotify renamed <c>tracks</c> to <c>items</c> in February 2026. The old name is still read so that a playlist from
/// an answer in the old shape keeps its count.
/// </param>
public sealed record SpotifyPlaylist(
    string Id,
    string Name,
    string? Description,
    bool Collaborative,
    bool? Public,
    IReadOnlyList<SpotifyImage>? Images,
    SpotifyPlaylistOwner Owner,
    string SnapshotId,
    SpotifyPlaylistItemsRef? Items = null,
    SpotifyPlaylistItemsRef? Tracks = null)
{
    public int? ItemCount => (Items ?? Tracks)?.Total;
}

/// <summary>An album in the user's library and when they saved it.</summary>
public sealed record SpotifySavedAlbum(DateTimeOffset AddedAt, SpotifyAlbum Album);

/// <summary>
/// A page of followed artists. Spotify pages them by cursor: pass <see cref="NextAfter"/> to get the next page; it is
/// null on the last one.
/// </summary>
public sealed record SpotifyFollowedArtistsPage(IReadOnlyList<SpotifyArtist> Items, int Total, string? NextAfter);
