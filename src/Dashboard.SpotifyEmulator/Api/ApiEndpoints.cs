using Dashboard.SpotifyEmulator.Api.Catalogue;
using Dashboard.SpotifyEmulator.Api.Library;
using Dashboard.SpotifyEmulator.Api.Player;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>api.spotify.com: the Web API endpoints the app calls, behind <see cref="ApiGate"/>.</summary>
internal static class ApiEndpoints
{
    public static void MapWebApi(this WebApplication app, EmulatorState state, Func<string> baseUrl)
    {
        var api = app.MapGroup("/v1");
        api.MapGet("/me", (ApiCaller caller) =>
        {
            var user = caller.User;
            return Results.Json(new
            {
                account_id = user.AccountId,
                country = user.Country,
                display_name = user.DisplayName,
                email = user.Email,
                explicit_content = new { filter_enabled = false, filter_locked = false },
                external_urls = new { spotify = $"https://open.spotify.com/user/{user.Id}" },
                followers = new { href = (string?)null, total = 0 },
                href = $"{baseUrl()}/v1/users/{user.Id}",
                id = user.Id,
                images = new[] { new { url = $"{baseUrl()}/images/user/{user.Id}.svg", height = 300, width = 300 } },
                product = user.Product,
                type = "user",
                uri = $"spotify:user:{user.Id}",
            });
        });
        api.MapCatalogue(state, baseUrl);
        api.MapRecentlyPlayed(state, baseUrl);
        api.MapPlayer(state, baseUrl);
        api.MapTopItems(state, baseUrl);
        api.MapLibrary(state, baseUrl);
        // Endpoints the emulator does not serve answer as Spotify does for paths it does not know.
        api.MapFallback(() => ApiErrors.Error(StatusCodes.Status404NotFound, "Service not found"));

        // Cover art and portraits: generated so the app has real image URLs to show.
        app.MapGet("/images/{kind}/{id}.svg", (string kind, string id) =>
            Results.Content(Artwork.Svg(kind, id, state), "image/svg+xml"));
    }
}
