using Dashboard.Core.Spotify;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Player;

/// <summary>A Spotify Connect device.</summary>
public sealed record PlayerDevice(string? Id, string Name, string Type, bool IsActive, int? VolumePercent,
    bool IsPrivateSession, bool IsRestricted);

/// <summary>A track or a podcast episode, as the player page and the API show it.</summary>
/// <param name="Kind"><c>track</c> or <c>episode</c>.</param>
/// <param name="Artists">The track's artists; the show's name for an episode.</param>
/// <param name="Album">The album's name; the show's name for an episode.</param>
/// <param name="CoverUrl">The largest image Spotify gave; null when it gave none (a local file).</param>
public sealed record PlayerItem(string Kind, string? Id, string Name, IReadOnlyList<string> Artists, string? Album,
    string? CoverUrl, int DurationMs)
{
    public string ArtistNames => string.Join(", ", Artists);
}

/// <summary>What plays now, on which device, as Spotify said at <see cref="FetchedAt"/>.</summary>
/// <param name="Repeat"><c>off</c>, <c>track</c> or <c>context</c>.</param>
/// <param name="FetchedAt">When the state was read, on the app's clock: progress moves on from there while
/// playing.</param>
public sealed record NowPlaying(PlayerItem Item, int ProgressMs, bool IsPlaying, PlayerDevice Device, bool Shuffle,
    string Repeat, DateTimeOffset FetchedAt)
{
    /// <summary>
    /// Where playback is at <paramref name="now"/>: moved on by the time passed while playing, never past the end.
    /// </summary>
    public int ProgressAt(DateTimeOffset now) =>
        IsPlaying ? (int)Math.Clamp(ProgressMs + (now - FetchedAt).TotalMilliseconds, 0, Item.DurationMs) : ProgressMs;
}

public sealed record PlayerQueue(PlayerItem? CurrentlyPlaying, IReadOnlyList<PlayerItem> Queue);

public enum PlayerTroubleKind
{
    /// <summary>Spotify no longer accepts the user's sign-in: they must sign in with Spotify again.</summary>
    SignInRequired,

    /// <summary>Spotify asked the app to wait until <see cref="PlayerTrouble.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>Spotify failed or did not answer in time.</summary>
    Unavailable,

    /// <summary>Spotify refused the read (403), e.g. a scope the user did not grant.</summary>
    Refused,
}

/// <summary>Why the player could not be read or told what to do, in words a page can show.</summary>
public sealed record PlayerTrouble(PlayerTroubleKind Kind, string Message, DateTimeOffset? RetryAt = null);

/// <summary>
/// Spotify's answer, or the trouble that kept it from coming. Everyday answers (nothing playing, Premium required, no
/// active device) are values; only failures are trouble.
/// </summary>
public sealed record PlayerAnswer<T>(T? Value, PlayerTrouble? Trouble)
{
    public bool Succeeded => Trouble is null;
}

public enum PlayerCommand
{
    Play,
    Pause,
    Next,
    Previous,
}

/// <summary>
/// The user's Spotify player over <see cref="SpotifyClient"/>: now playing, queue, devices and the four commands, with
/// Spotify's failures turned into <see cref="PlayerTrouble"/>. Reads nothing from and writes nothing to the database
/// itself (the call log aside), so a busy database never holds it up for long.
/// </summary>
public class PlayerService(SpotifyClient spotify, TimeProvider clock, ILogger<PlayerService> logger)
{
    /// <summary>What plays now; a null value when nothing plays or is paused (Spotify's 204).</summary>
    public virtual Task<PlayerAnswer<NowPlaying>> GetNowPlayingAsync(int userId, CancellationToken cancellationToken) =>
        AskAsync(userId,
            async () => await spotify.GetPlaybackStateAsync(userId, cancellationToken) is { Item: { } item } state
            ? new NowPlaying(ItemOf(item), state.ProgressMs ?? 0, state.IsPlaying, DeviceOf(state.Device),
                state.ShuffleState,
                state.RepeatState, clock.GetUtcNow())
            : null);

    public virtual Task<PlayerAnswer<PlayerQueue>> GetQueueAsync(int userId, CancellationToken cancellationToken) =>
        AskAsync(userId, async () =>
        {
            var queue = await spotify.GetQueueAsync(userId, cancellationToken);
            return new PlayerQueue(queue.CurrentlyPlaying is { } current ? ItemOf(current) : null,
                queue.Queue.Select(ItemOf).ToList());
        });

    public virtual Task<PlayerAnswer<IReadOnlyList<PlayerDevice>>> GetDevicesAsync(int userId,
        CancellationToken cancellationToken) =>
        AskAsync<IReadOnlyList<PlayerDevice>>(userId, async () =>
            (await spotify.GetDevicesAsync(userId, cancellationToken)).Select(DeviceOf).ToList());

    /// <summary>Sends the command once (commands are never retried: "next" twice would skip two).</summary>
    public virtual Task<PlayerAnswer<PlayerCommandResult>> SendAsync(int userId, PlayerCommand command,
        CancellationToken cancellationToken) =>
        AskAsync(userId, () => command switch
        {
            PlayerCommand.Play => spotify.PlayAsync(userId, cancellationToken),
            PlayerCommand.Pause => spotify.PauseAsync(userId, cancellationToken),
            PlayerCommand.Next => spotify.NextAsync(userId, cancellationToken),
            PlayerCommand.Previous => spotify.PreviousAsync(userId, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        });

    private async Task<PlayerAnswer<T>> AskAsync<T>(int userId, Func<Task<T?>> ask)
    {
        try
        {
            return new PlayerAnswer<T>(await ask(), null);
        }
        catch (SpotifyException e)
        {
            var trouble = e switch
            {
                SpotifySignInRequiredException => new PlayerTrouble(PlayerTroubleKind.SignInRequired,
                    "Spotify no longer accepts your sign-in. Sign in with Spotify again to see your player."),
                SpotifyRateLimitedException limited => new PlayerTrouble(PlayerTroubleKind.RateLimited,
                    "Spotify asked the app to slow down.", limited.RetryAt),
                SpotifyRefusedException refused => new PlayerTrouble(PlayerTroubleKind.Refused,
                    $"Spotify refused to show the player{(refused.Reason is { } reason ? $" ({reason})" : "")}."),
                _ => new PlayerTrouble(PlayerTroubleKind.Unavailable,
                    "Spotify is not answering right now. The player tries again shortly."),
            };
            logger.LogInformation("The player of user {UserId} could not reach Spotify ({Trouble}): {Error}", userId,
                trouble.Kind, e.Message);
            return new PlayerAnswer<T>(default, trouble);
        }
    }

    private static PlayerItem ItemOf(SpotifyPlayingItem item) => new(
        item.Type,
        item.Id,
        item.Name,
        item.Artists?.Select(a => a.Name).ToList() ?? (item.Show is { } show ? [show.Name] : []),
        item.Album?.Name ?? item.Show?.Name,
        item.Artwork.OrderByDescending(i => i.Width ?? 0).FirstOrDefault()?.Url,
        item.DurationMs);

    private static PlayerDevice DeviceOf(SpotifyDevice device) =>
        new(device.Id, device.Name, device.Type, device.IsActive, device.VolumePercent, device.IsPrivateSession,
            device.IsRestricted);
}
