using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dashboard.SpotifyEmulator.Api;

/// <summary>api.spotify.com: the Web API endpoints the app calls.</summary>
internal static class ApiEndpoints
{
    public static void MapWebApi(this WebApplication app, EmulatorState state, Func<string> baseUrl)
    {
        app.MapGet("/v1/me", (HttpRequest request) =>
        {
            var (user, error) = ApiErrors.Authenticate(request, state);
            if (user is null)
            {
                return error!;
            }
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

        // Cover art and portraits: generated so the app has real image URLs to show.
        app.MapGet("/images/{kind}/{id}.svg", (string kind, string id) =>
            Results.Content(Artwork.Svg(kind, id, state), "image/svg+xml"));
    }
}
