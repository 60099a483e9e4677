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

        player.MapGet("/current",
            async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
                Answer(context, await service.GetNowPlayingAsync(context.User.UserId()!.Value, cancellationToken),
                now => now is null
                    ? Results.Ok(new PlayerIdleResponse(false))
                    : Results.Ok(PlayerNowPlayingResponse.Of(now))))
            .WithSummary("What plays now, on which device; only {\"is_playing\": false} when nothing plays.")
            .Produces<PlayerNowPlayingResponse>()
            .ProducesDetail(StatusCodes.Status403Forbidden);

        player.MapGet("/devices",
            async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
                Answer(context, await service.GetDevicesAsync(context.User.UserId()!.Value, cancellationToken),
                devices =>
                    Results.Ok(new PlayerDevicesResponse([.. devices!.Select(PlayerDeviceResponse.Of)]))))
            .WithSummary("Your Spotify Connect devices.")
            .Produces<PlayerDevicesResponse>()
            .ProducesDetail(StatusCodes.Status403Forbidden);

        player.MapGet("/queue",
            async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
                Answer(context, await service.GetQueueAsync(context.User.UserId()!.Value, cancellationToken), queue =>
                    Results.Ok(new PlayerQueueResponse(
                        queue!.CurrentlyPlaying is { } current ? PlayerQueueItemResponse.Of(current) : null,
                        [.. queue.Queue.Select(PlayerQueueItemResponse.Of)]))))
            .WithSummary("What plays now and what plays next.")
            .Produces<PlayerQueueResponse>()
            .ProducesDetail(StatusCodes.Status403Forbidden);

        foreach (var command in Enum.GetValues<PlayerCommand>())
        {
            player.MapPost($"/{command.ToString().ToLowerInvariant()}",
                async (HttpContext context, PlayerService service, CancellationToken cancellationToken) =>
                    Answer(context, await service.SendAsync(context.User.UserId()!.Value, command, cancellationToken),
                    result => result switch
                    {
                        PlayerCommandResult.Done => Results.Ok(new PlayerCommandResponse(Done(command))),
                        PlayerCommandResult.PremiumRequired => ApiResults.Status(StatusCodes.Status403Forbidden,
                            "Spotify lets only Premium accounts control playback."),
                        PlayerCommandResult.NoActiveDevice => ApiResults.Status(StatusCodes.Status404NotFound,
                            "No active device: start playing on Spotify somewhere first."),
                        _ => ApiResults.Status(StatusCodes.Status409Conflict,
                            "The player does not allow that right now."),
                    }))
                .RequireAntiforgeryForCookies()
                .WithSummary(
                    $"{command} on the active device; answers {{\"status\": \"{Done(command)}\"}}. Needs Premium, " +
                    "and the page's antiforgery token with a cookie session.")
                .Produces<PlayerCommandResponse>()
                .ProducesDetail(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                    StatusCodes.Status409Conflict);
        }

        return app;
    }

    /// <summary>The message that says a command was done.</summary>
    private static string Done(PlayerCommand command) => command switch
    {
        PlayerCommand.Play => "playing",
        PlayerCommand.Pause => "paused",
        PlayerCommand.Next => "skipped",
        _ => "skipped_back",
    };

    /// <summary>
    /// Spotify's answer as <paramref name="success"/> makes it, or its trouble as an error with a reason.
    /// </summary>
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
                return ApiResults.Status(StatusCodes.Status429TooManyRequests,
                    $"{answer.Trouble.Message} Try again in {seconds} s.");
            case { Kind: PlayerTroubleKind.SignInRequired or PlayerTroubleKind.Refused } trouble:
                return ApiResults.Status(StatusCodes.Status403Forbidden, trouble.Message);
            case var trouble:
                return ApiResults.Status(StatusCodes.Status503ServiceUnavailable, trouble.Message);
        }
    }
}

/// <summary>
/// What plays now. <c>kind</c> is track or episode; for an episode the artist and album are the show.
/// <c>repeat</c> is off, track or context.
/// </summary>
public sealed record PlayerNowPlayingResponse(
    bool IsPlaying,
    string Kind,
    string? TrackId,
    string TrackName,
    string ArtistName,
    IReadOnlyList<string> Artists,
    string? AlbumName,
    string? AlbumImage,
    int DurationMs,
    int ProgressMs,
    string Device,
    string DeviceType,
    bool Shuffle,
    string Repeat)
{
    public static PlayerNowPlayingResponse Of(NowPlaying now) => new(
        now.IsPlaying, now.Item.Kind, now.Item.Id, now.Item.Name, now.Item.ArtistNames, now.Item.Artists,
        now.Item.Album, now.Item.CoverUrl,
        now.Item.DurationMs, now.ProgressMs, now.Device.Name, now.Device.Type, now.Shuffle, now.Repeat);
}

public sealed record PlayerDeviceResponse(string? Id, string Name, string Type, bool IsActive, int? VolumePercent,
    bool IsPrivateSession, bool IsRestricted)
{
    public static PlayerDeviceResponse Of(PlayerDevice d) =>
        new(d.Id, d.Name, d.Type, d.IsActive, d.VolumePercent, d.IsPrivateSession, d.IsRestricted);
}

public sealed record PlayerDevicesResponse(IReadOnlyList<PlayerDeviceResponse> Devices);

/// <summary>A track or episode in the queue; <c>artist</c> names every artist (the show for an episode).</summary>
public sealed record PlayerQueueItemResponse(string? Id, string Kind, string Name, string Artist, string? Album,
    string? Image, int DurationMs)
{
    public static PlayerQueueItemResponse Of(PlayerItem item) =>
        new(item.Id, item.Kind, item.Name, item.ArtistNames, item.Album, item.CoverUrl, item.DurationMs);
}

public sealed record PlayerQueueResponse(PlayerQueueItemResponse? CurrentlyPlaying,
    IReadOnlyList<PlayerQueueItemResponse> Queue);

/// <summary>The answer when nothing plays.</summary>
public sealed record PlayerIdleResponse(bool IsPlaying);

/// <summary>A command done: playing, paused, skipped or skipped_back.</summary>
public sealed record PlayerCommandResponse(string Status);
