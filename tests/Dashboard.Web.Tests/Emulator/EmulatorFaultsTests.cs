using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>Faults injected for the next N calls, in-process or over /_emulator/faults.</summary>
[NoDatabase]
public sealed class EmulatorFaultsTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;
    private HttpClient _api = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StartAsync();
        _api = await _host.SignInAsync();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_injected_429_carries_its_retry_after_for_the_next_calls_then_stops()
    {
        _host.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 7, calls: 2));

        var first = await _api.GetAsync("/v1/me", Ct);
        var second = await _api.GetAsync($"/v1/artists/{_host.State.Catalog.Artists[0].Id}", Ct);
        var third = await _api.GetAsync("/v1/me", Ct);

        await AssertErrorAsync(first, 429);
        Assert.Equal(TimeSpan.FromSeconds(7), first.Headers.RetryAfter!.Delta);
        await AssertErrorAsync(second, 429);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Injected_server_errors_answer_in_Spotify_shape(int status)
    {
        _host.State.Faults.Inject(Fault.ServerError(status));

        await AssertErrorAsync(await _api.GetAsync("/v1/me", Ct), status);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_fault_with_a_path_prefix_leaves_other_paths_alone()
    {
        var album = _host.State.Catalog.Albums[0];
        _host.State.Faults.Inject(Fault.ServerError(503, calls: 1, pathPrefix: "/v1/albums"));

        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync($"/v1/artists/{album.Artist.Id}", Ct)).StatusCode);
        await AssertErrorAsync(await _api.GetAsync($"/v1/albums/{album.Id}", Ct), 503);
        Assert.Empty(_host.State.Faults.Pending);
    }

    [Fact]
    public async Task A_delay_outlasts_a_client_timeout_and_then_calls_are_quick_again()
    {
        _host.State.Faults.Inject(Fault.Delayed(TimeSpan.FromSeconds(5)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _api.GetAsync("/v1/me", ClientTimeout()));

        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_delay_shorter_than_the_timeout_still_answers()
    {
        _host.State.Faults.Inject(Fault.Delayed(TimeSpan.FromMilliseconds(200)));
        var started = DateTime.UtcNow;

        var response = await _api.GetAsync("/v1/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(190), "The answer waited for the delay.");
    }

    [Fact]
    public async Task Null_track_faults_give_recently_played_items_without_a_track()
    {
        _host.State.Faults.Inject(Fault.NullTracks());

        var faulty = await JsonAsync(await _api.GetAsync("/v1/me/player/recently-played", Ct));
        var healthy = await JsonAsync(await _api.GetAsync("/v1/me/player/recently-played", Ct));

        var items = faulty.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("track").ValueKind == JsonValueKind.Null);
        Assert.Contains(items, i => i.GetProperty("track").ValueKind == JsonValueKind.Object);
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("played_at").GetString())));
        Assert.All(healthy.GetProperty("items").EnumerateArray(),
            i => Assert.Equal(JsonValueKind.Object, i.GetProperty("track").ValueKind));
    }

    [Fact]
    public async Task A_fault_for_one_user_leaves_the_other_users_calls_alone()
    {
        _host.State.AddListener(new NewListener("second", "Second Listener", Seed: 7));
        var second = await _host.SignInAsync("second");
        var added = await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "server_error", status = 503, user_id = "second" }, Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/v1/me", Ct)).StatusCode);
        await AssertErrorAsync(await second.GetAsync("/v1/me", Ct), 503);
        Assert.Equal("second", (await JsonAsync(added)).GetProperty("user_id").GetString());
        Assert.Empty(_host.State.Faults.Pending);
    }

    [Fact]
    public async Task A_fault_for_a_user_the_emulator_does_not_know_is_refused()
    {
        var response = await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "server_error", user_id = "nobody" }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_host.State.Faults.Pending);
    }

    [Fact]
    public async Task Faults_apply_only_after_the_token_is_accepted()
    {
        _host.State.Faults.Inject(Fault.ServerError(500));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.GetAsync("/v1/me", Ct)).StatusCode);

        Assert.Single(_host.State.Faults.Pending);
        await AssertErrorAsync(await _api.GetAsync("/v1/me", Ct), 500);
    }

    [Fact]
    public async Task Faults_injected_over_http_are_listed_applied_and_cleared()
    {
        var track = $"/v1/tracks/{_host.State.Catalog.Albums[0].Tracks[0].Id}";
        var added = await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "server_error", status = 502, calls = 2, path_prefix = "/v1/tracks" }, Ct);
        await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "too_many_requests", retry_after_seconds = 3 }, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var pending = await JsonAsync(await _host.Http.GetAsync("/_emulator/faults", Ct));
        Assert.Equal(["server_error", "too_many_requests"],
            pending.EnumerateArray().Select(f => f.GetProperty("kind").GetString()!));
        Assert.Equal(2, pending[0].GetProperty("calls").GetInt32());

        await AssertErrorAsync(await _api.GetAsync(track, Ct), 502);
        var throttled = await _api.GetAsync("/v1/me", Ct);
        await AssertErrorAsync(throttled, 429);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter!.Delta);

        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.DeleteAsync("/_emulator/faults", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync(track, Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"meteor_strike"}""")]
    [InlineData("""{"kind":"server_error","status":418}""")]
    [InlineData("""{"kind":"delay"}""")]
    [InlineData("""{"kind":"null_tracks","calls":0}""")]
    [InlineData("not json")]
    public async Task Faults_over_http_refuse_what_they_cannot_inject(string body)
    {
        var response = await _host.Http.PostAsync("/_emulator/faults",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.State.Faults.Pending);
    }

    [Fact]
    public async Task A_delay_injected_over_http_outlasts_a_client_timeout()
    {
        var added = await _host.Http.PostAsJsonAsync("/_emulator/faults", new { kind = "delay", delay_ms = 3000 }, Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _api.GetAsync("/v1/me", ClientTimeout()));
    }

    [Fact]
    public async Task Null_tracks_injected_over_http_take_effect()
    {
        await _host.Http.PostAsJsonAsync("/_emulator/faults", new { kind = "null_tracks" }, Ct);

        var recent = await JsonAsync(await _api.GetAsync("/v1/me/player/recently-played", Ct));

        Assert.Contains(recent.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("track").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Revoking_refresh_tokens_over_http_makes_the_next_refresh_invalid_grant()
    {
        var tokens = await EmulatorSignIn.SignInAsync(_host.Http, SpotifyEmulatorServer.DemoUserId);

        var revoke = await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "revoked_refresh_tokens", user_id = SpotifyEmulatorServer.DemoUserId }, Ct);
        var refresh = await _host.Http.PostAsync("/api/token", EmulatorSignIn.Form(("grant_type", "refresh_token"),
            ("refresh_token", tokens.GetProperty("refresh_token").GetString()!),
            ("client_id", EmulatorSignIn.ClientId)), Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(refresh)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.PostAsJsonAsync("/_emulator/faults",
            new { kind = "revoked_refresh_tokens", user_id = "nobody" }, Ct)).StatusCode);
    }

    /// <summary>A client that gives up after 300 ms, as the app's resilience pipeline would.</summary>
    private static CancellationToken ClientTimeout()
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(300));
        return timeout.Token;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
