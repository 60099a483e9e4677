using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.Web.Tests.Support;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// One app for the player endpoint tests, on a clock they move forward to a moment when their listener plays, or is
/// silent, whatever the time of the run.
/// </summary>
public sealed class PlayerApp : AppFixture
{
    public PlayerApp()
        : this(new ShiftedClock())
    {
    }

    private PlayerApp(ShiftedClock clock)
        : base(new DashboardFactory { Clock = clock, Settings = QuietSchedule }) => Clock = clock;

    /// <summary>The clock the app and its emulator read; it only moves forward.</summary>
    public ShiftedClock Clock { get; }
}

/// <summary>
/// The player endpoints against the demo-mode emulator, at moments chosen on a shifted clock. One app for the class;
/// each test signs in listeners of its own, whose players no other test commands.
/// </summary>
public sealed class PlayerEndpointTests(PlayerApp app) : IClassFixture<PlayerApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task While_the_listener_plays_current_devices_and_queue_show_it_and_pause_takes_effect()
    {
        var (factory, clock) = (app.Factory, app.Clock);
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        var play = clock.MoveToPlaying(factory.ListenerOf(listener.SpotifyId));

        var current = await client.GetFromJsonAsync<JsonElement>("/api/v1/player/current", Ct);
        var devices = await client.GetFromJsonAsync<JsonElement>("/api/v1/player/devices", Ct);
        var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/player/queue", Ct);

        Assert.True(current.GetProperty("is_playing").GetBoolean());
        Assert.Equal(play.Track?.Name ?? play.Episode!.Name, current.GetProperty("track_name").GetString());
        Assert.InRange(current.GetProperty("progress_ms").GetInt32(), 1, current.GetProperty("duration_ms").GetInt32());
        Assert.False(string.IsNullOrEmpty(current.GetProperty("device").GetString()));
        Assert.Equal("off", current.GetProperty("repeat").GetString());
        Assert.Single(devices.GetProperty("devices").EnumerateArray(), d => d.GetProperty("is_active").GetBoolean());
        Assert.NotEmpty(queue.GetProperty("queue").EnumerateArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/v1/player/pause", null, Ct)).StatusCode);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());
        var paused = await client.PostAsync("/api/v1/player/pause", null, Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("""{"status":"paused"}""", await paused.Content.ReadAsStringAsync(Ct));
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/v1/player/current", Ct))
            .GetProperty("is_playing").GetBoolean());
        var playing = await client.PostAsync("/api/v1/player/play", null, Ct);
        Assert.Equal(HttpStatusCode.OK, playing.StatusCode);
        Assert.Equal("playing",
            (await playing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal("skipped",
            (await (await client.PostAsync("/api/v1/player/next", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct))
            .GetProperty("status").GetString());
        Assert.Equal("skipped_back",
            (await (await client.PostAsync("/api/v1/player/previous", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(
                Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Nothing_playing_is_only_is_playing_false_and_commands_say_there_is_no_active_device()
    {
        var (factory, clock) = (app.Factory, app.Clock);
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        clock.MoveToSilence(factory.ListenerOf(listener.SpotifyId));
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var current = await client.GetAsync("/api/v1/player/current", Ct);
        var next = await client.PostAsync("/api/v1/player/next", null, Ct);

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("""{"is_playing":false}""", await current.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
        Assert.Contains("No active device",
            (await next.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_free_account_is_told_Premium_is_required()
    {
        using var listener = await app.Factory.SignInListenerWithoutSyncAsync(product: "free");
        var client = listener.Client;
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await client.AntiforgeryTokenAsync());

        var response = await client.PostAsync("/api/v1/player/previous", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Premium",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Each_listener_commands_their_own_player()
    {
        var factory = app.Factory;
        using var premiumListener = await factory.SignInListenerWithoutSyncAsync();
        using var freeListener = await factory.SignInListenerWithoutSyncAsync(product: "free");
        var (premium, free) = (premiumListener.Client, freeListener.Client);
        premium.DefaultRequestHeaders.Add("RequestVerificationToken", await premium.AntiforgeryTokenAsync());
        free.DefaultRequestHeaders.Add("RequestVerificationToken", await free.AntiforgeryTokenAsync());
        app.Clock.MoveToPlaying(factory.ListenerOf(premiumListener.SpotifyId));

        // Spotify answers each with their own account: a command sent with the other's token would get the other's
        // answer.
        var byFree = await free.PostAsync("/api/v1/player/pause", null, Ct);
        var byPremium = await premium.PostAsync("/api/v1/player/pause", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byFree.StatusCode);
        Assert.True(byPremium.IsSuccessStatusCode, $"{(int)byPremium.StatusCode}");
        Assert.False((await premium.GetFromJsonAsync<JsonElement>("/api/v1/player/current", Ct))
            .GetProperty("is_playing").GetBoolean());
    }

    [Fact]
    public async Task Rate_limited_by_Spotify_is_429_with_Retry_After()
    {
        var factory = app.Factory;
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        var client = listener.Client;
        factory.Emulator().Faults.Inject(
            Fault.TooManyRequests(retryAfterSeconds: 120, pathPrefix: "/v1/me/player/devices"));

        var response = await client.GetAsync("/api/v1/player/devices", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 110, 120);
        Assert.Contains("slow down",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }
}
