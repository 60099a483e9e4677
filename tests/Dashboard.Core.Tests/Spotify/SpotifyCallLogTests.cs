using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>Every attempt at a Spotify call leaves a row in api_calls, without tokens or ids.</summary>
public sealed class SpotifyCallLogTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;

    public async ValueTask InitializeAsync() => _bed = await SpotifyTestBed.StartAsync();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_attempt_is_logged_with_user_endpoint_status_latency_and_retry_after()
    {
        var userId = await _bed.SignInAsync();
        var track = _bed.State.Catalog.Tracks.First();
        _bed.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 1, pathPrefix: "/v1/tracks"));
        var start = _bed.Now.UtcDateTime;

        await _bed.Client.GetTrackAsync(userId, track.Id, Ct);

        var calls = await _bed.ApiCallsAsync();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal((userId, "api", "GET", "/v1/tracks/{id}"),
                (call.UserId!.Value, call.Service, call.Method, call.Endpoint));
            Assert.InRange(call.LatencyMs, 0, 2_000);
        });
        // Each attempt at its own time: the second after the second Spotify asked to wait.
        Assert.Equal([start, start.AddSeconds(1)], calls.Select(c => c.CalledAt));
        Assert.Equal((429, 1, "API rate limit exceeded"),
            (calls[0].StatusCode ?? 0, calls[0].RetryAfterSeconds ?? 0, calls[0].Error));
        Assert.Equal((200, null, null), (calls[1].StatusCode ?? 0, calls[1].RetryAfterSeconds, calls[1].Error));
    }

    [Fact]
    public async Task The_log_holds_no_tokens_ids_or_query_strings()
    {
        var userId = await _bed.SignInAsync();
        var before = (await _bed.StoredTokensAsync(userId))!;
        var track = _bed.State.Catalog.Tracks.First();
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        await _bed.Client.GetTrackAsync(userId, track.Id, Ct);
        await _bed.Client.GetTopArtistsAsync(userId, Core.Spotify.SpotifyTimeRange.MediumTerm, 5, 0, Ct);

        var after = (await _bed.StoredTokensAsync(userId))!;
        var secrets = new[] { before.AccessToken, before.RefreshToken, after.AccessToken, after.RefreshToken, track.Id,
            SpotifyTestBed.ClientSecret };
        var calls = await _bed.ApiCallsAsync();
        Assert.Equal(["/v1/tracks/{id}", "/api/token", "/v1/tracks/{id}", "/v1/me/top/artists"],
            calls.Select(c => c.Endpoint));
        Assert.All(calls, call => Assert.DoesNotContain(secrets, secret =>
            call.Endpoint.Contains(secret, StringComparison.Ordinal)
            || (call.Error?.Contains(secret, StringComparison.Ordinal) ?? false)));
        Assert.DoesNotContain(calls, c => c.Endpoint.Contains('?'));
    }
}
