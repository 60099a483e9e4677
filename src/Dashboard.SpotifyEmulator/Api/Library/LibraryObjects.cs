using Dashboard.SpotifyEmulator.Api.Catalogue;

namespace Dashboard.SpotifyEmulator.Api.Library;

internal sealed record PlaylistOwnerObject(ExternalUrls ExternalUrls, string Href, string Id, string Uri,
    string DisplayName)
{
    public string Type => "user";
}

/// <summary>A link to a playlist's items and how many there are (called <c>tracks</c> before February 2026).</summary>
internal sealed record PlaylistItemsRef(string Href, int Total);

internal sealed record SimplifiedPlaylistObject(bool Collaborative, string Description, ExternalUrls ExternalUrls,
    string Href, string Id, IReadOnlyList<ImageObject> Images, string Name, PlaylistOwnerObject Owner, bool Public,
    string SnapshotId, PlaylistItemsRef Items, string Uri)
{
    public string Type => "playlist";
}

internal sealed record SavedAlbumObject(string AddedAt, AlbumObject Album);

internal sealed record FollowedCursors(string? After);

internal sealed record FollowedArtistsPage(string Href, int Limit, string? Next, FollowedCursors Cursors, int Total,
    IReadOnlyList<ArtistObject> Items);

internal sealed record FollowedArtistsObject(FollowedArtistsPage Artists);
