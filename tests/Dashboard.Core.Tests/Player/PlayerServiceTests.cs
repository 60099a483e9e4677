using Dashboard.Core.Player;
using Dashboard.Core.Spotify;
using Dashboard.Core.Tests.Spotify;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.Core.Tests.Player;

/// <summary>The player page's service against the emulated Spotify: what plays, and every plain state.</summary>
public sealed class PlayerServiceTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;

    public async ValueTask InitializeAsync() => _bed = await SpotifyTestBed.StartAsync();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlayerService Player => _bed.Host.Get<PlayerService>();

    [Fact]
    public async Task Now_playing_shows_the_track_its_artists_album_cover_progress_and_device()
    {
        var play = _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();

        var answer = await Player.GetNowPlayingAsync(userId, Ct);

        Assert.True(answer.Succeeded);
        var now = answer.Value!;
        var track = play.Track!;
        Assert.Equal(("track", track.Id, track.Name), (now.Item.Kind, now.Item.Id, now.Item.Name));
        Assert.Equal(track.DurationMs, now.Item.DurationMs);
        Assert.NotEmpty(now.Item.Artists);
        Assert.False(string.IsNullOrEmpty(now.Item.Album));
        Assert.StartsWith("http", now.Item.CoverUrl);
        Assert.Equal((int)(_bed.Now.UtcDateTime - play.StartedAt).TotalMilliseconds, now.ProgressMs);
        Assert.True(now.IsPlaying);
        Assert.True(now.Device.IsActive);
        Assert.Equal("off", now.Repeat);
        Assert.Equal(_bed.Now, now.FetchedAt);
    }

    [Fact]
    public void Progress_moves_on_while_playing_stops_at_the_end_and_stands_still_when_paused()
    {
        var item = new PlayerItem("track", "t1", "Idioteque", ["Radiohead"], "Kid A", null, 300_000);
        var device = new PlayerDevice("d1", "Pixel 8", "Smartphone", true, 100, false, false);
        var at = new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero);
        var playing = new NowPlaying(item, 60_000, true, device, false, "off", at);

        Assert.Equal(72_500, playing.ProgressAt(at.AddSeconds(12.5)));
        Assert.Equal(300_000, playing.ProgressAt(at.AddMinutes(10)));
        Assert.Equal(60_000, (playing with { IsPlaying = false }).ProgressAt(at.AddMinutes(1)));
    }

    [Fact]
    public async Task A_podcast_episode_shows_its_show_in_place_of_artist_and_album()
    {
        var play = _bed.AdvanceUntilPlaying(p => p.Episode is not null);
        var userId = await _bed.SignInAsync();

        var item = (await Player.GetNowPlayingAsync(userId, Ct)).Value!.Item;

        Assert.Equal(("episode", play.Episode!.Name), (item.Kind, item.Name));
        Assert.Equal([item.Album!], item.Artists);
        Assert.NotNull(item.CoverUrl);
    }

    [Fact]
    public async Task Nothing_playing_is_an_answer_without_a_value()
    {
        _bed.AdvanceUntilSilent();
        var userId = await _bed.SignInAsync();

        var answer = await Player.GetNowPlayingAsync(userId, Ct);

        Assert.True(answer.Succeeded);
        Assert.Null(answer.Value);
        Assert.Equal(PlayerCommandResult.NoActiveDevice,
            (await Player.SendAsync(userId, PlayerCommand.Play, Ct)).Value);
    }

    [Fact]
    public async Task Queue_and_devices_list_what_comes_next_and_where_it_plays()
    {
        var play = _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();

        var queue = (await Player.GetQueueAsync(userId, Ct)).Value!;
        var devices = (await Player.GetDevicesAsync(userId, Ct)).Value!;

        Assert.Equal(play.Track!.Id, queue.CurrentlyPlaying!.Id);
        Assert.NotEmpty(queue.Queue);
        Assert.All(queue.Queue, item => Assert.False(string.IsNullOrEmpty(item.Name)));
        Assert.Single(devices, d => d.IsActive);
    }

    [Fact]
    public async Task Commands_take_effect_and_a_free_account_hears_that_Premium_is_required()
    {
        _bed.State.AddListener(new NewListener("freelistener", "Free Listener", 7) { Product = "free" });
        _bed.AdvanceUntilPlayingTrack();
        var premium = await _bed.SignInAsync();
        var free = await _bed.SignInAsync("freelistener");

        Assert.Equal(PlayerCommandResult.Done, (await Player.SendAsync(premium, PlayerCommand.Pause, Ct)).Value);
        Assert.False((await Player.GetNowPlayingAsync(premium, Ct)).Value!.IsPlaying);
        Assert.Equal(PlayerCommandResult.PremiumRequired, (await Player.SendAsync(free, PlayerCommand.Next, Ct)).Value);
    }

    [Fact]
    public async Task A_long_rate_limit_is_trouble_that_says_when_to_try_again()
    {
        _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();
        _bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 120, pathPrefix: "/v1/me/player"));

        var answer = await Player.GetNowPlayingAsync(userId, Ct);

        Assert.False(answer.Succeeded);
        Assert.Equal(PlayerTroubleKind.RateLimited, answer.Trouble!.Kind);
        Assert.Equal(_bed.Now.AddSeconds(120), answer.Trouble.RetryAt);
    }

    [Fact]
    public async Task A_refused_sign_in_is_trouble_that_asks_to_sign_in_again()
    {
        var userId = await _bed.SignInAsync();
        _bed.State.RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var answer = await Player.SendAsync(userId, PlayerCommand.Next, Ct);

        Assert.Equal(PlayerTroubleKind.SignInRequired, answer.Trouble!.Kind);
        Assert.Contains("Sign in with Spotify again", answer.Trouble.Message);
    }

    [Fact]
    public async Task Spotify_failing_is_trouble_not_an_exception()
    {
        var userId = await _bed.SignInAsync();
        _bed.State.Faults.Inject(
            Fault.ServerError(503, calls: SpotifyTestBed.MaxRetries + 1, pathPrefix: "/v1/me/player/devices"));

        var answer = await Player.GetDevicesAsync(userId, Ct);

        Assert.Equal(PlayerTroubleKind.Unavailable, answer.Trouble!.Kind);
    }
}
