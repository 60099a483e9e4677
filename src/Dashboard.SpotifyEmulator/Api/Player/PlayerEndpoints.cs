using Dashboard.SpotifyEmulator.Api.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.SpotifyEmulator.Api.Player;

/// <summary>
/// The player: playback state, devices and queue follow the listener's timeline; commands need Premium and an
/// active device, and take effect through the user's <see cref="PlayerControl"/>.
/// </summary>
internal static class PlayerEndpoints
{
    private const int QueueLength = 20;

    public static void MapPlayer(this IEndpointRouteBuilder api, EmulatorState state, Func<string> baseUrl)
    {
        Playback? CurrentPlayback(ApiCaller caller) =>
            Playback.Current(caller.User, state.PlayerOf(caller.User.Id), state.Now);

        api.MapGet("/me/player", (HttpRequest request, ApiCaller caller) =>
        {
            if (CurrentPlayback(caller) is not { } playback)
            {
                return Results.NoContent();
            }
            var play = playback.Play;
            return ApiJson.Ok(new PlaybackStateObject(
                Devices.For(caller.User.Id, play.Platform, isActive: true, play.Incognito),
                play.Shuffle,
                SmartShuffle: false,
                RepeatState: "off",
                Timestamps.UnixMs(playback.ChangedAt),
                ContextObject.From(play.ContextUri, baseUrl()),
                playback.ProgressMs,
                Item(playback, request, state, baseUrl()),
                play.Track is null ? "episode" : "track",
                PlaybackActions.For(playback.IsPlaying),
                playback.IsPlaying));
        });

        api.MapGet("/me/player/currently-playing", (HttpRequest request, ApiCaller caller) =>
        {
            if (CurrentPlayback(caller) is not { } playback)
            {
                return Results.NoContent();
            }
            var play = playback.Play;
            // Unlike the playback state, this timestamp is when the data was fetched.
            return ApiJson.Ok(new CurrentlyPlayingObject(
                Timestamps.UnixMs(state.Now),
                ContextObject.From(play.ContextUri, baseUrl()),
                playback.ProgressMs,
                Item(playback, request, state, baseUrl()),
                play.Track is null ? "episode" : "track",
                PlaybackActions.For(playback.IsPlaying),
                playback.IsPlaying));
        });

        api.MapGet("/me/player/devices", (ApiCaller caller) =>
            ApiJson.Ok(new DevicesObject(Devices.Available(caller.User.Id, CurrentPlayback(caller)))));

        api.MapGet("/me/player/queue", (ApiCaller caller) =>
        {
            if (CurrentPlayback(caller) is not { } playback)
            {
                return ApiJson.Ok(new QueueObject(null, []));
            }
            var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl());
            var upcoming = Playback.Upcoming(caller.User.Listener!, playback.Play).Take(QueueLength)
                .Select(objects.Item).ToList();
            return ApiJson.Ok(new QueueObject(objects.Item(playback.Play), upcoming));
        });

        // Resumes what was paused. Starting another context or list of URIs is not emulated: the timeline decides.
        api.MapPut("/me/player/play", (ApiCaller caller) => Command(caller, (control, _) =>
        {
            control.Resume(state.Now);
            return null;
        }));

        api.MapPut("/me/player/pause", (ApiCaller caller) => Command(caller, (control, playback) =>
        {
            if (!playback.IsPlaying)
            {
                return ApiErrors.Error(StatusCodes.Status403Forbidden, "Player command failed: Restriction violated",
                    "UNKNOWN");
            }
            control.Pause(state.Now);
            return null;
        }));

        api.MapPost("/me/player/next", (ApiCaller caller) => Command(caller, (control, playback) =>
        {
            if (Playback.Upcoming(caller.User.Listener!, playback.Play).FirstOrDefault() is { } next)
            {
                control.PlayFrom(next.StartedAt, state.Now);
            }
            return null;
        }));

        api.MapPost("/me/player/previous", (ApiCaller caller) => Command(caller, (control, playback) =>
        {
            control.PlayFrom(playback.PreviousPoint(caller.User.Listener!), state.Now);
            return null;
        }));

        // Player commands: Premium first, then an active device, then the command itself (null when it succeeded).
        IResult Command(ApiCaller caller, Func<PlayerControl, Playback, IResult?> command)
        {
            if (!caller.IsPremium)
            {
                return ApiErrors.Error(StatusCodes.Status403Forbidden, "Player command failed: Premium required",
                    "PREMIUM_REQUIRED");
            }
            if (CurrentPlayback(caller) is not { } playback)
            {
                return ApiErrors.Error(StatusCodes.Status404NotFound, "Player command failed: No active device found",
                    "NO_ACTIVE_DEVICE");
            }
            return command(state.PlayerOf(caller.User.Id), playback) ?? Results.NoContent();
        }
    }

    /// <summary>
    /// The playing item. Episodes come back only to clients that ask with <c>additional_types=episode</c>; others get
    /// <c>item: null</c> with <c>currently_playing_type: "episode"</c>, as from Spotify.
    /// </summary>
    private static object? Item(Playback playback, HttpRequest request, EmulatorState state, string baseUrl)
    {
        var objects = new CatalogueObjectBuilder(state.Catalog, baseUrl);
        if (playback.Play.Track is { } track)
        {
            return objects.Track(track);
        }
        var additionalTypes = request.Query["additional_types"].ToString().Split(',', StringSplitOptions.TrimEntries);
        return additionalTypes.Contains("episode") ? objects.Episode(playback.Play.Episode!) : null;
    }
}
