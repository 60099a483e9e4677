using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Api.Catalogue;

/// <summary>
/// Catalogue look-ups one item at a time, and the look-ups a development-mode app is refused: the batch
/// endpoints (since February 2026), audio features and recommendations (since November 2024).
/// </summary>
internal static class CatalogueEndpoints
{
    public static void MapCatalogue(this IEndpointRouteBuilder api, EmulatorState state, Func<string> baseUrl)
    {
        CatalogueObjectBuilder Objects() => new(state.Catalog, baseUrl());

        api.MapGet("/tracks/{id}", (string id) =>
            LookUp(id, state.Catalog.FindTrack, track => Objects().Track(track)));
        api.MapGet("/artists/{id}", (string id) =>
            LookUp(id, state.Catalog.FindArtist, artist => Objects().Artist(artist)));
        api.MapGet("/albums/{id}", (string id) =>
            LookUp(id, state.Catalog.FindAlbum, album => Objects().Album(album)));

        string[] removedPaths =
            ["/tracks", "/artists", "/albums", "/audio-features", "/audio-features/{id}", "/recommendations"];
        foreach (var removed in removedPaths)
        {
            api.MapGet(removed, () => ApiErrors.Error(StatusCodes.Status403Forbidden, "Forbidden"));
        }
    }

    private static IResult LookUp<TItem>(string id, Func<string, TItem?> find, Func<TItem, object> toObject)
        where TItem : class
    {
        if (!SpotifyId.IsWellFormed(id))
        {
            return ApiErrors.BadRequest("Invalid base62 id");
        }
        return find(id) is { } item ? ApiJson.Ok(toObject(item)) : ApiErrors.NotFound();
    }
}
