using System.Net;
using System.Text.Json;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// The player: state, devices and queue follow the listener's timeline; commands take visible effect.
/// </summary>
[NoDatabase]
public sealed class PlayerTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Playback_state_follows_the_timeline_and_progress_moves_with_the_clock()
    {
        var play = _host.AdvanceUntilPlayingTrack();
        var api = await _host.SignInAsync();

        var state = await GetAsync(api, "/v1/me/player");

        Assert.Equal(play.Track!.Id, state.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal("track", state.GetProperty("currently_playing_type").GetString());
        Assert.True(state.GetProperty("is_playing").GetBoolean());
        Assert.Equal(ProgressMs(play), state.GetProperty("progress_ms").GetInt32());
        Assert.Equal(play.Shuffle, state.GetProperty("shuffle_state").GetBoolean());
        Assert.Equal("off", state.GetProperty("repeat_state").GetString());
        Assert.Equal(play.ContextUri,
            state.GetProperty("context") is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("uri").GetString()
            : null);
        Assert.True(state.GetProperty("device").GetProperty("is_active").GetBoolean());
        Assert.Equal(new DateTimeOffset(play.StartedAt).ToUnixTimeMilliseconds(),
            state.GetProperty("timestamp").GetInt64());

        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        var later = await GetAsync(api, "/v1/me/player");

        Assert.Equal(ProgressMs(play), later.GetProperty("progress_ms").GetInt32());
        Assert.Equal(state.GetProperty("progress_ms").GetInt32() + 20_000, later.GetProperty("progress_ms").GetInt32());
    }

    [Fact]
    public async Task Currently_playing_shows_the_same_item_stamped_with_the_time_of_the_request()
    {
        var play = _host.AdvanceUntilPlayingTrack();
        var api = await _host.SignInAsync();

        var current = await GetAsync(api, "/v1/me/player/currently-playing");

        Assert.Equal(play.Track!.Id, current.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(ProgressMs(play), current.GetProperty("progress_ms").GetInt32());
        Assert.Equal(_host.Clock.GetUtcNow().ToUnixTimeMilliseconds(), current.GetProperty("timestamp").GetInt64());
        Assert.False(current.TryGetProperty("device", out _));
    }

    [Fact]
    public async Task Nothing_playing_gives_204_and_commands_answer_NO_ACTIVE_DEVICE()
    {
        _host.AdvanceUntilSilent();
        var api = await _host.SignInAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await api.GetAsync("/v1/me/player", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.GetAsync("/v1/me/player/currently-playing", Ct)).StatusCode);
        var queue = await GetAsync(api, "/v1/me/player/queue");
        Assert.Equal(JsonValueKind.Null, queue.GetProperty("currently_playing").ValueKind);
        Assert.Empty(queue.GetProperty("queue").EnumerateArray());
        Assert.DoesNotContain((await GetAsync(api, "/v1/me/player/devices")).GetProperty("devices").EnumerateArray(),
            d => d.GetProperty("is_active").GetBoolean());

        var error = await AssertErrorAsync(await api.PutAsync("/v1/me/player/pause", null, Ct), 404,
            "NO_ACTIVE_DEVICE");
        Assert.Equal("Player command failed: No active device found", error.GetProperty("message").GetString());
        await AssertErrorAsync(await api.PutAsync("/v1/me/player/play", null, Ct), 404, "NO_ACTIVE_DEVICE");
        await AssertErrorAsync(await api.PostAsync("/v1/me/player/next", null, Ct), 404, "NO_ACTIVE_DEVICE");
        await AssertErrorAsync(await api.PostAsync("/v1/me/player/previous", null, Ct), 404, "NO_ACTIVE_DEVICE");
    }

    [Fact]
    public async Task Pause_freezes_the_position_and_play_resumes_from_there()
    {
        var play = _host.AdvanceUntilPlayingTrack();
        var api = await _host.SignInAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/v1/me/player/pause", null, Ct)).StatusCode);
        var pausedAt = ProgressMs(play);
        _host.Clock.Advance(TimeSpan.FromMinutes(10));
        var paused = await GetAsync(api, "/v1/me/player");

        Assert.False(paused.GetProperty("is_playing").GetBoolean());
        Assert.Equal(play.Track!.Id, paused.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(pausedAt, paused.GetProperty("progress_ms").GetInt32());
        Assert.True(paused.GetProperty("actions").GetProperty("disallows").GetProperty("pausing").GetBoolean());
        await AssertErrorAsync(await api.PutAsync("/v1/me/player/pause", null, Ct), 403, "UNKNOWN");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsync("/v1/me/player/play", null, Ct)).StatusCode);
        _host.Clock.Advance(TimeSpan.FromSeconds(5));
        var resumed = await GetAsync(api, "/v1/me/player");

        Assert.True(resumed.GetProperty("is_playing").GetBoolean());
        Assert.Equal(play.Track.Id, resumed.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(pausedAt + 5_000, resumed.GetProperty("progress_ms").GetInt32());
    }

    [Fact]
    public async Task Next_skips_to_the_following_item_and_previous_comes_back_or_restarts()
    {
        var play = _host.AdvanceUntilPlayingTrack();
        var following = _host.ListenerOf().PlaysBetween(play.EndedAt, play.EndedAt.AddDays(3))
            .First(p => p.StartedAt >= play.EndedAt);
        var api = await _host.SignInAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/v1/me/player/next", null, Ct)).StatusCode);
        var next = await GetAsync(api, "/v1/me/player?additional_types=episode");
        Assert.Equal(ItemId(following), next.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(0, next.GetProperty("progress_ms").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/v1/me/player/previous", null, Ct)).StatusCode);
        var back = await GetAsync(api, "/v1/me/player");
        Assert.Equal(play.Track!.Id, back.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(0, back.GetProperty("progress_ms").GetInt32());

        _host.Clock.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/v1/me/player/previous", null, Ct)).StatusCode);
        var restarted = await GetAsync(api, "/v1/me/player");
        Assert.Equal(play.Track.Id, restarted.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal(0, restarted.GetProperty("progress_ms").GetInt32());
    }

    [Fact]
    public async Task Player_commands_leave_the_listening_history_as_it_was()
    {
        _host.AdvanceUntilPlayingTrack();
        var api = await _host.SignInAsync();
        await api.PostAsync("/v1/me/player/next", null, Ct);
        await api.PostAsync("/v1/me/player/next", null, Ct);
        await api.PutAsync("/v1/me/player/pause", null, Ct);

        var history = await GetAsync(api, "/v1/me/player/recently-played?limit=50");

        var expected = _host.ListenerOf().PlaysBetween(_host.Now.AddDays(-14), _host.Now)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito).TakeLast(50).Reverse()
                .Select(p => p.Track!.Id);
        Assert.Equal(expected,
            history.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("track").GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task A_free_user_can_read_playback_but_commands_need_Premium()
    {
        _host.State.AddListener(new NewListener("freelistener", "Free Listener", Seed: 99) { Product = "free" });
        var play = _host.AdvanceUntilPlayingTrack("freelistener");
        var api = await _host.SignInAsync("freelistener");

        var state = await GetAsync(api, "/v1/me/player");
        var pause = await api.PutAsync("/v1/me/player/pause", null, Ct);

        Assert.Equal(play.Track!.Id, state.GetProperty("item").GetProperty("id").GetString());
        var error = await AssertErrorAsync(pause, 403, "PREMIUM_REQUIRED");
        Assert.Equal("Player command failed: Premium required", error.GetProperty("message").GetString());
        await AssertErrorAsync(await api.PostAsync("/v1/me/player/next", null, Ct), 403, "PREMIUM_REQUIRED");
        Assert.True((await GetAsync(api, "/v1/me/player")).GetProperty("is_playing").GetBoolean());
    }

    [Fact]
    public async Task Podcast_episodes_show_only_to_clients_that_ask_for_them()
    {
        var play = _host.AdvanceUntilPlaying(p => p.Episode is not null);
        var api = await _host.SignInAsync();

        var plain = await GetAsync(api, "/v1/me/player");
        var asked = await GetAsync(api, "/v1/me/player?additional_types=track,episode");

        Assert.Equal("episode", plain.GetProperty("currently_playing_type").GetString());
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("item").ValueKind);
        var item = asked.GetProperty("item");
        Assert.Equal("episode", item.GetProperty("type").GetString());
        Assert.Equal(play.Episode!.Id, item.GetProperty("id").GetString());
        Assert.Equal(play.Episode.ShowId, item.GetProperty("show").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Devices_put_the_active_one_first_and_the_queue_lists_what_follows()
    {
        var play = _host.AdvanceUntilPlayingTrack();
        var upcoming = _host.ListenerOf().PlaysBetween(play.EndedAt, play.EndedAt.AddDays(3))
            .Where(p => p.StartedAt >= play.EndedAt).Take(20);
        var api = await _host.SignInAsync();

        var devices = (await GetAsync(api, "/v1/me/player/devices")).GetProperty("devices").EnumerateArray().ToList();
        var queue = await GetAsync(api, "/v1/me/player/queue");
        var state = await GetAsync(api, "/v1/me/player");

        Assert.True(devices[0].GetProperty("is_active").GetBoolean());
        Assert.Equal(state.GetProperty("device").GetProperty("id").GetString(),
            devices[0].GetProperty("id").GetString());
        Assert.All(devices.Skip(1), d => Assert.False(d.GetProperty("is_active").GetBoolean()));
        Assert.All(devices, d => Assert.Matches("^[0-9a-f]{40}$", d.GetProperty("id").GetString()));
        Assert.Equal(play.Track!.Id, queue.GetProperty("currently_playing").GetProperty("id").GetString());
        Assert.Equal(upcoming.Select(ItemId),
            queue.GetProperty("queue").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
    }

    private int ProgressMs(DemoPlay play) => (int)(_host.Now - play.StartedAt).TotalMilliseconds;

    private static string ItemId(DemoPlay play) => play.Track?.Id ?? play.Episode!.Id;

    private static async Task<JsonElement> GetAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
