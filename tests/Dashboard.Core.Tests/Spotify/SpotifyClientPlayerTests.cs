using Dashboard.Core.Spotify;
using Dashboard.SpotifyEmulator;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>The player: state, devices and queue, commands, and the everyday refusals shown plainly.</summary>
public sealed class SpotifyClientPlayerTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;

    public async ValueTask InitializeAsync() => _bed = await SpotifyTestBed.StartAsync();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Playback_state_currently_playing_devices_and_queue_show_what_plays()
    {
        var play = _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();

        var state = await _bed.Client.GetPlaybackStateAsync(userId, Ct);
        var current = await _bed.Client.GetCurrentlyPlayingAsync(userId, Ct);
        var devices = await _bed.Client.GetDevicesAsync(userId, Ct);
        var queue = await _bed.Client.GetQueueAsync(userId, Ct);

        Assert.NotNull(state);
        Assert.True(state.IsPlaying);
        Assert.Equal("track", state.CurrentlyPlayingType);
        Assert.Equal(play.Track!.Id, state.Item!.Id);
        Assert.Equal(play.Track.Name, state.Item.Name);
        Assert.NotEmpty(state.Item.Artwork);
        Assert.Equal((int)(_bed.Now.UtcDateTime - play.StartedAt).TotalMilliseconds, state.ProgressMs);
        Assert.True(state.Device.IsActive);
        Assert.Equal(new DateTimeOffset(play.StartedAt, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            state.Timestamp.ToUnixTimeMilliseconds());
        Assert.Equal(play.Track.Id, current!.Item!.Id);
        Assert.Equal(_bed.Now, current.Timestamp);
        Assert.Contains(devices, device => device.IsActive && device.Id == state.Device.Id);
        Assert.Equal(play.Track.Id, queue.CurrentlyPlaying!.Id);
        Assert.NotEmpty(queue.Queue);
    }

    [Fact]
    public async Task A_podcast_episode_playing_shows_with_its_show_and_artwork()
    {
        var play = _bed.AdvanceUntilPlaying(p => p.Episode is not null);
        var userId = await _bed.SignInAsync();

        var state = await _bed.Client.GetPlaybackStateAsync(userId, Ct);

        Assert.Equal("episode", state!.CurrentlyPlayingType);
        Assert.Equal(("episode", play.Episode!.Id, play.Episode.Name),
            (state.Item!.Type, state.Item.Id, state.Item.Name));
        Assert.Equal(play.Episode.ShowId, state.Item.Show!.Id);
        Assert.NotEmpty(state.Item.Artwork);
    }

    [Fact]
    public async Task Nothing_playing_is_null_rather_than_an_error()
    {
        _bed.AdvanceUntilSilent();
        var userId = await _bed.SignInAsync();

        Assert.Null(await _bed.Client.GetPlaybackStateAsync(userId, Ct));
        Assert.Null(await _bed.Client.GetCurrentlyPlayingAsync(userId, Ct));
        Assert.All(await _bed.ApiCallsAsync(), call => Assert.Equal(204, call.StatusCode));
    }

    [Fact]
    public async Task Pause_then_play_take_effect()
    {
        _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();

        Assert.Equal(PlayerCommandResult.Done, await _bed.Client.PauseAsync(userId, Ct));
        Assert.False((await _bed.Client.GetPlaybackStateAsync(userId, Ct))!.IsPlaying);
        Assert.Equal(PlayerCommandResult.NotAllowedNow, await _bed.Client.PauseAsync(userId, Ct));
        Assert.Equal(PlayerCommandResult.Done, await _bed.Client.PlayAsync(userId, Ct));
        Assert.True((await _bed.Client.GetPlaybackStateAsync(userId, Ct))!.IsPlaying);
    }

    [Fact]
    public async Task Next_and_previous_change_the_track()
    {
        var play = _bed.AdvanceUntilPlayingTrack();
        var userId = await _bed.SignInAsync();

        Assert.Equal(PlayerCommandResult.Done, await _bed.Client.NextAsync(userId, Ct));
        var afterNext = await _bed.Client.GetCurrentlyPlayingAsync(userId, Ct);
        Assert.Equal(PlayerCommandResult.Done, await _bed.Client.PreviousAsync(userId, Ct));
        var afterPrevious = await _bed.Client.GetCurrentlyPlayingAsync(userId, Ct);

        Assert.NotEqual(play.Track!.Id, afterNext!.Item?.Id);
        Assert.Equal(play.Track.Id, afterPrevious!.Item?.Id);
    }

    [Fact]
    public async Task Commands_for_a_free_account_say_premium_is_required()
    {
        _bed.State.AddListener(new NewListener("freelistener", "Free Listener", 7) { Product = "free" });
        _bed.AdvanceUntilPlayingTrack("freelistener");
        var userId = await _bed.SignInAsync("freelistener");

        Assert.Equal(PlayerCommandResult.PremiumRequired, await _bed.Client.PauseAsync(userId, Ct));
        Assert.Equal(PlayerCommandResult.PremiumRequired, await _bed.Client.NextAsync(userId, Ct));
        Assert.Equal(403, (await _bed.ApiCallsAsync())[0].StatusCode);
    }

    [Fact]
    public async Task Commands_without_an_active_device_say_so()
    {
        _bed.AdvanceUntilSilent();
        var userId = await _bed.SignInAsync();

        Assert.Equal(PlayerCommandResult.NoActiveDevice, await _bed.Client.PlayAsync(userId, Ct));
        Assert.Equal(PlayerCommandResult.NoActiveDevice, await _bed.Client.PreviousAsync(userId, Ct));
    }
}
