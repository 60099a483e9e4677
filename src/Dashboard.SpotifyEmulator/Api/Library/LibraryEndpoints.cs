using System.Collections.Concurrent;
using Dashboard.SpotifyEmulator.Api.Catalogue;
using Dashboard.SpotifyEmulator.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.SpotifyEmulator.Api.Library;

/// <summary>The user's library: playlists and saved albums (offset paging), followed artists (cursor paging).</summary>
internal static class LibraryEndpoints
{
    public static void MapLibrary(this IEndpointRouteBuilder api, EmulatorState state, Func<string> baseUrl)
    {
        // Generated on first use and kept, so saved dates stay put while the clock moves on.
        var libraries = new ConcurrentDictionary<string, DemoLibrary>(StringComparer.Ordinal);
        DemoLibrary LibraryOf(EmulatedUser user) => libraries.GetOrAdd(user.Id, _ => user.Listener is null
            ? DemoLibrary.Empty
            : DemoLibrary.Generate(state.Catalog, user.Listener.Seed, user.Id, user.DisplayName, user.HistoryStart,
                state.Now));

        api.MapGet("/me/playlists", (HttpRequest request, ApiCaller caller) =>
        {
            var (limit, offset, error) = Paging.LimitAndOffset(request);
            if (error is not null)
            {
                return error;
            }
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            var playlists = LibraryOf(caller.User).Playlists.Select(p => Playlist(p, objects, baseUrl())).ToList();
            return ApiJson.Ok(Paging.Page($"{baseUrl()}/v1/me/playlists", playlists, limit, offset));
        });

        api.MapGet("/me/albums", (HttpRequest request, ApiCaller caller) =>
        {
            var (limit, offset, error) = Paging.LimitAndOffset(request);
            if (error is not null)
            {
                return error;
            }
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            var saved = LibraryOf(caller.User).SavedAlbums;
            // Only the page is turned into objects: a full album object is not small.
            var page = Paging.Page($"{baseUrl()}/v1/me/albums", saved, limit, offset);
            return ApiJson.Ok(
                page.Map(s => new SavedAlbumObject(Timestamps.IsoSeconds(s.AddedAt), objects.Album(s.Album))));
        });

        api.MapGet("/me/following", (HttpRequest request, ApiCaller caller) =>
        {
            var type = request.Query["type"].ToString();
            if (type.Length == 0)
            {
                return ApiErrors.BadRequest("Missing parameter type");
            }
            if (type != "artist")
            {
                return ApiErrors.BadRequest("Only type=artist is supported");
            }
            if (Paging.IntParameter(request, "limit", Paging.DefaultLimit, 1, Paging.MaxLimit) is not { } limit)
            {
                return ApiErrors.BadRequest("Invalid limit");
            }
            var after = request.Query["after"].ToString();
            var followed = LibraryOf(caller.User).FollowedArtists;
            var remaining = followed.Where(a => string.CompareOrdinal(a.Id, after) > 0).ToList();
            var page = remaining.Take(limit).ToList();
            var url = $"{baseUrl()}/v1/me/following";
            var next = remaining.Count > limit
                ? QueryHelpers.AddQueryString(url, new Dictionary<string, string?>
                {
                    ["type"] = "artist", ["after"] = page[^1].Id,
                        ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                })
                : null;
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            return ApiJson.Ok(new FollowedArtistsObject(new FollowedArtistsPage(
                url + request.QueryString, limit, next, new FollowedCursors(page.Count > 0 ? page[^1].Id : null),
                followed.Count,
                page.Select(objects.Artist).ToList())));
        });
    }

    private static SimplifiedPlaylistObject Playlist(DemoPlaylist playlist, CatalogueObjectBuilder objects,
        string baseUrl) => new(
        playlist.IsCollaborative,
        playlist.Description,
        new ExternalUrls($"https://open.spotify.com/playlist/{playlist.Id}"),
        $"{baseUrl}/v1/playlists/{playlist.Id}",
        playlist.Id,
        // Spotify shows a playlist with the cover of its first track's album until the owner uploads one.
        playlist.Tracks.Count > 0 ? objects.AlbumImages(playlist.Tracks[0].AlbumId) : [],
        playlist.Name,
        new PlaylistOwnerObject(new ExternalUrls($"https://open.spotify.com/user/{playlist.OwnerId}"),
            $"{baseUrl}/v1/users/{playlist.OwnerId}", playlist.OwnerId, $"spotify:user:{playlist.OwnerId}",
            playlist.OwnerName),
        playlist.IsPublic,
        playlist.SnapshotId,
        new PlaylistItemsRef($"{baseUrl}/v1/playlists/{playlist.Id}/items", playlist.Tracks.Count),
        $"spotify:playlist:{playlist.Id}");
}
