using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dashboard.Core.Spotify;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>
/// Spotify's failures, as it really sends them, end in a retry or in a typed outcome a caller can act on.
/// </summary>
public sealed class SpotifyClientFailureTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;
    private int _userId;

    public async ValueTask InitializeAsync()
    {
        _bed = await SpotifyTestBed.StartAsync();
        _userId = await _bed.SignInAsync();
        // The first request of a process pays for JIT and connection set-up, which on a loaded machine can outlast
        // the short attempt timeout these tests use; make it here so every test counts only its own attempts.
        await _bed.Client.GetProfileAsync(_userId, TestContext.Current.CancellationToken);
        await _bed.ClearApiCallsAsync();
    }

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Short_Retry_After_is_waited_out_and_the_call_succeeds()
    {
        _bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 1));
        var before = _bed.Now;

        var profile = await _bed.Client.GetProfileAsync(_userId, Ct);

        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        // The app waited the second Spotify asked for, on its own clock.
        Assert.InRange(_bed.Now - before, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal([(429, 1), (200, null)],
            (await _bed.ApiCallsAsync()).Select(c => (c.StatusCode, c.RetryAfterSeconds)));
    }

    [Fact]
    public async Task Long_Retry_After_is_not_waited_for_and_says_when_to_come_back()
    {
        _bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 3600));
        var before = _bed.Now;

        var limited = await Assert.ThrowsAsync<SpotifyRateLimitedException>(() =>
            _bed.Client.GetProfileAsync(_userId, Ct));

        Assert.Equal(SpotifyTestBed.Start.AddHours(1), limited.RetryAt);
        Assert.Equal("/v1/me", limited.Endpoint);
        Assert.Equal(before, _bed.Now);
        Assert.Equal(429, Assert.Single(await _bed.ApiCallsAsync()).StatusCode);
    }

    [Fact]
    public async Task Exhausted_daily_quota_says_when_it_resets_without_retrying()
    {
        await using var bed = await SpotifyTestBed.StartAsync(dailyRequestQuota: 3);
        var userId = await bed.SignInAsync();
        for (var call = 0; call < 3; call++)
        {
            await bed.Client.GetProfileAsync(userId, Ct);
        }

        var exceeded = await Assert.ThrowsAsync<SpotifyQuotaExceededException>(() =>
            bed.Client.GetProfileAsync(userId, Ct));

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), exceeded.RetryAt);
        Assert.IsAssignableFrom<SpotifyRateLimitedException>(exceeded);
        var calls = await bed.ApiCallsAsync();
        Assert.Equal(4, calls.Count);
        Assert.Equal(429, calls[^1].StatusCode);
        Assert.Contains("QUOTA_EXCEEDED", calls[^1].Error);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_call_succeeds()
    {
        _bed.State.Faults.Inject(Fault.ServerError(503, calls: 2));

        var profile = await _bed.Client.GetProfileAsync(_userId, Ct);

        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        Assert.Equal([503, 503, 200], (await _bed.ApiCallsAsync()).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Server_errors_that_persist_end_in_unavailable()
    {
        _bed.State.Faults.Inject(Fault.ServerError(500, calls: SpotifyTestBed.MaxRetries + 1));

        var unavailable = await Assert.ThrowsAsync<SpotifyUnavailableException>(() =>
            _bed.Client.GetProfileAsync(_userId, Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, unavailable.StatusCode);
        Assert.Equal(Enumerable.Repeat<int?>(500, SpotifyTestBed.MaxRetries + 1),
            (await _bed.ApiCallsAsync()).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task A_slow_answer_is_abandoned_and_asked_again()
    {
        _bed.State.Faults.Inject(Fault.Delayed(TimeSpan.FromSeconds(3)));
        var stopwatch = Stopwatch.StartNew();

        var profile = await _bed.Client.GetProfileAsync(_userId, Ct);

        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), $"Took {stopwatch.Elapsed}.");
        Assert.Equal([null, 200], (await _bed.ApiCallsAsync()).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Answers_that_never_come_in_time_end_in_unavailable()
    {
        _bed.State.Faults.Inject(Fault.Delayed(TimeSpan.FromSeconds(3), calls: SpotifyTestBed.MaxRetries + 1));

        var unavailable = await Assert.ThrowsAsync<SpotifyUnavailableException>(() =>
            _bed.Client.GetProfileAsync(_userId, Ct));

        Assert.Null(unavailable.StatusCode);
        var calls = await _bed.ApiCallsAsync();
        Assert.Equal(SpotifyTestBed.MaxRetries + 1, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Null(call.StatusCode);
            Assert.InRange(call.LatencyMs, SpotifyTestBed.RequestTimeout.TotalMilliseconds - 50, 2_500);
        });
    }

    [Fact]
    public async Task A_removed_batch_endpoint_is_refused_and_later_calls_still_work()
    {
        var api = _bed.Host.Get<SpotifyApi>();
        var ids = string.Join(',', _bed.State.Catalog.Tracks.Take(2).Select(t => t.Id));

        var refused = await Assert.ThrowsAsync<SpotifyRefusedException>(() =>
            api.GetAsync<JsonElement>(_userId, "/v1/tracks", $"/v1/tracks?ids={ids}", Ct));
        var profile = await _bed.Client.GetProfileAsync(_userId, Ct);

        Assert.Equal("/v1/tracks", refused.Endpoint);
        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        Assert.Equal([403, 200], (await _bed.ApiCallsAsync()).Select(c => c.StatusCode));
    }

    [Fact]
    public async Task Player_commands_are_not_sent_twice_after_a_server_error()
    {
        _bed.AdvanceUntilPlayingTrack();
        _bed.State.Faults.Inject(Fault.ServerError(502, calls: 1, pathPrefix: "/v1/me/player/next"));

        var unavailable = await Assert.ThrowsAsync<SpotifyUnavailableException>(() =>
            _bed.Client.NextAsync(_userId, Ct));

        Assert.Equal(HttpStatusCode.BadGateway, unavailable.StatusCode);
        Assert.Equal(502,
            Assert.Single(await _bed.ApiCallsAsync(), c => c.Endpoint == "/v1/me/player/next").StatusCode);
    }
}
