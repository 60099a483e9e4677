using System.Globalization;
using Dashboard.SpotifyEmulator.Api.Catalogue;
using Dashboard.SpotifyEmulator.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Api.Player;

/// <summary>
/// Recently played tracks, newest first, with Spotify's cursors. Only the last 50 track plays are ever reachable:
/// a client that syncs less often than that loses the plays in between (only the privacy export has them).
/// </summary>
internal static class RecentlyPlayedEndpoint
{
    public const int ReachablePlays = 50;

    public static void MapRecentlyPlayed(this IEndpointRouteBuilder api, EmulatorState state, Func<string> baseUrl)
    {
        api.MapGet("/me/player/recently-played", (HttpRequest request, ApiCaller caller) =>
        {
            if (Paging.IntParameter(request, "limit", Paging.DefaultLimit, 1, Paging.MaxLimit) is not { } limit)
            {
                return ApiErrors.BadRequest("Invalid limit");
            }
            var after = Cursor(request, "after");
            var before = Cursor(request, "before");
            if (after is { Valid: false } || before is { Valid: false })
            {
                return ApiErrors.BadRequest("Invalid cursor");
            }
            if (after is not null && before is not null)
            {
                return ApiErrors.BadRequest("Only one of after and before may be given");
            }

            var reachable = ListeningHistory.RecentTrackPlays(caller.User, state.Now, ReachablePlays);
            var page = (after, before) switch
            {
                // The plays just after the cursor, so that a client can page forward from where it stopped.
                ({ } a, _) => reachable.Where(p => PlayedAtMs(p) > a.Ms).TakeLast(limit).ToList(),
                (_, { } b) => reachable.Where(p => PlayedAtMs(p) < b.Ms).Take(limit).ToList(),
                _ => reachable.Take(limit).ToList(),
            };

            var url = $"{baseUrl()}/v1/me/player/recently-played";
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            var items = page.Select((play, index) => new PlayHistoryObject(
                caller.NullTrackItems && index % 3 == 0 ? null : objects.Track(play.Track!),
                Timestamps.IsoWithMilliseconds(play.EndedAt),
                ContextObject.From(play.ContextUri, baseUrl()))).ToList();
            var oldest = page.Count > 0 ? PlayedAtMs(page[^1]) : (long?)null;
            var hasOlder = oldest is not null && PlayedAtMs(reachable[^1]) < oldest;
            return ApiJson.Ok(new PlayHistoryPage(
                url + request.QueryString,
                limit,
                hasOlder ? $"{url}?before={oldest}&limit={limit}" : null,
                page.Count > 0 ? new CursorsObject(Text(PlayedAtMs(page[0])), Text(oldest!.Value)) : null,
                items));
        });
    }

    private static long PlayedAtMs(DemoPlay play) => Timestamps.UnixMs(play.EndedAt);

    private static string Text(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    private static (bool Valid, long Ms)? Cursor(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? (true, ms)
            : (false, 0);
    }
}
