using System.Globalization;
using Dashboard.Core.Player;
using Dashboard.Core.Spotify;
using Dashboard.Web.Auth;

namespace Dashboard.Web.Api;

/// <summary>The user's Spotify player: what plays, devices, queue, and play, pause, next and previous.</summary>
public static class PlayerEndpoints
{
    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder app)
    {
        var player = app.MapGroup("/api/v1/player").RequireAuthorization().WithTags("Player");

        player.MapGet("/current", async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
            Answer(context, await service.GetNowPlayingAsync(context.User.UserId()!.Value, cancellationToken), now => now is null
                ? Results.NoContent()
                : Results.Ok(new
                {
                    is_playing = now.IsPlaying,
                    kind = now.Item.Kind,
                    track_id = now.Item.Id,
                    track_name = now.Item.Name,
                    artist_name = now.Item.ArtistNames,
                    artists = now.Item.Artists,
                    album_name = now.Item.Album,
                    album_image = now.Item.CoverUrl,
                    duration_ms = now.Item.DurationMs,
                    progress_ms = now.ProgressMs,
                    device = now.Device.Name,
                    device_type = now.Device.Type,
                    shuffle = now.Shuffle,
                    repeat = now.Repeat,
                })));

        player.MapGet("/devices", async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
            Answer(context, await service.GetDevicesAsync(context.User.UserId()!.Value, cancellationToken), devices => Results.Ok(new
            {
                devices = devices!.Select(d => new
                {
                    d.Id, d.Name, d.Type, d.IsActive, d.VolumePercent, d.IsPrivateSession, d.IsRestricted,
                }),
            })));

        player.MapGet("/queue", async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
            Answer(context, await service.GetQueueAsync(context.User.UserId()!.Value, cancellationToken), queue => Results.Ok(new
            {
                currently_playing = queue!.CurrentlyPlaying is { } current ? QueueItem(current) : null,
                queue = queue.Queue.Select(QueueItem),
            })));

        foreach (var command in Enum.GetValues<PlayerCommand>())
        {
            player.MapPost($"/{command.ToString().ToLowerInvariant()}", async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
                Answer(context, await service.SendAsync(context.User.UserId()!.Value, command, cancellationToken), result => result switch
                {
                    PlayerCommandResult.Done => Results.NoContent(),
                    PlayerCommandResult.PremiumRequired => ApiResults.Status(StatusCodes.Status403Forbidden,
                        "Spotify lets only Premium accounts control playback."),
                    PlayerCommandResult.NoActiveDevice => ApiResults.Status(StatusCodes.Status404NotFound,
                        "No active device: start playing on Spotify somewhere first."),
                    _ => ApiResults.Status(StatusCodes.Status409Conflict, "The player does not allow that right now."),
                })).RequireAntiforgeryForCookies();
        }

        return app;
    }

    private static object QueueItem(PlayerItem item) => new
    {
        item.Id, item.Kind, item.Name, artist = item.ArtistNames, item.Album, image = item.CoverUrl, item.DurationMs,
    };

    /// <summary>Spotify's answer as <paramref name="success"/> makes it, or its trouble as an error with a reason.</summary>
    private static IResult Answer<T>(HttpContext context, PlayerAnswer<T> answer, Func<T?, IResult> success)
    {
        switch (answer.Trouble)
        {
            case null:
                return success(answer.Value);
            case { Kind: PlayerTroubleKind.RateLimited, RetryAt: { } retryAt }:
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - now).TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return ApiResults.Status(StatusCodes.Status429TooManyRequests, $"{answer.Trouble.Message} Try again in {seconds} s.");
            case { Kind: PlayerTroubleKind.SignInRequired or PlayerTroubleKind.Refused } trouble:
                return ApiResults.Status(StatusCodes.Status403Forbidden, trouble.Message);
            case var trouble:
                return ApiResults.Status(StatusCodes.Status503ServiceUnavailable, trouble.Message);
        }
    }
}
