using Dashboard.SpotifyEmulator.Api.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Api.Library;

/// <summary>The user's top artists and tracks over <c>time_range</c>, as offset-paged objects.</summary>
internal static class TopItemsEndpoints
{
    public static void MapTopItems(this IEndpointRouteBuilder api, EmulatorState state, Func<string> baseUrl)
    {
        var topItems = new TopItems();

        api.MapGet("/me/top/artists", (HttpRequest request, ApiCaller caller) =>
            Top(request, caller, "artists", ranking => ranking.Artists, (objects, artist) => objects.Artist(artist)));
        api.MapGet("/me/top/tracks", (HttpRequest request, ApiCaller caller) =>
            Top(request, caller, "tracks", ranking => ranking.Tracks, (objects, track) => objects.Track(track)));

        IResult Top<TItem, TObject>(HttpRequest request, ApiCaller caller, string type,
            Func<TopRanking, IReadOnlyList<TItem>> ranked, Func<CatalogueObjectBuilder, TItem, TObject> toObject)
        {
            var timeRange = request.Query["time_range"].ToString();
            if (TopItems.ParseRange(timeRange) is not { } range)
            {
                return ApiErrors.BadRequest("Invalid time range");
            }
            var (limit, offset, error) = Paging.LimitAndOffset(request);
            if (error is not null)
            {
                return error;
            }
            var ranking = topItems.For(caller.User, range, state.Now);
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            var parameters = timeRange.Length > 0 ? new Dictionary<string, string?> { ["time_range"] = timeRange }
                : null;
            var page = Paging.Page($"{baseUrl()}/v1/me/top/{type}", ranked(ranking), limit, offset, parameters);
            return ApiJson.Ok(page.Map(item => toObject(objects, item)));
        }
    }
}
