using Dashboard.Core.Spotify;
using Dashboard.SpotifyEmulator;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>
/// Access tokens are refreshed when due or rejected, once per user at a time, and a refused sign-in is said so.
/// </summary>
public sealed class SpotifyTokenRefreshTests : IAsyncLifetime
{
    private SpotifyTestBed _bed = default!;

    public async ValueTask InitializeAsync() => _bed = await SpotifyTestBed.StartAsync();

    public ValueTask DisposeAsync() => _bed.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expired_access_token_is_refreshed_once_and_the_call_succeeds()
    {
        var userId = await _bed.SignInAsync();
        var before = (await _bed.StoredTokensAsync(userId))!;
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var profile = await _bed.Client.GetProfileAsync(userId, Ct);

        Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id);
        var after = (await _bed.StoredTokensAsync(userId))!;
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        // A PKCE refresh token works once; the one Spotify sent instead is the one kept.
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
        Assert.Equal(_bed.Now.UtcDateTime.AddHours(1), after.ExpiresAt);
        Assert.Equal(before.Scopes, after.Scopes);
        Assert.Equal(
            [("api", "/v1/me", 401), ("accounts", "/api/token", 200), ("api", "/v1/me", 200)],
            (await _bed.ApiCallsAsync()).Select(c => (c.Service, c.Endpoint, c.StatusCode ?? 0)));
    }

    [Fact]
    public async Task Access_token_about_to_expire_is_refreshed_before_the_call()
    {
        var userId = await _bed.SignInAsync();
        _bed.Advance(TimeSpan.FromMinutes(57));

        await _bed.Client.GetProfileAsync(userId, Ct);

        Assert.Equal([("accounts", 200), ("api", 200)],
            (await _bed.ApiCallsAsync()).Select(c => (c.Service, c.StatusCode ?? 0)));
        Assert.Equal(_bed.Now.UtcDateTime.AddHours(1), (await _bed.StoredTokensAsync(userId))!.ExpiresAt);
    }

    [Fact]
    public async Task A_refresh_without_a_new_refresh_token_keeps_the_old_one()
    {
        var userId = await _bed.SignInAsync(pkce: false);
        var before = (await _bed.StoredTokensAsync(userId))!;
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        await _bed.Client.GetProfileAsync(userId, Ct);

        var after = (await _bed.StoredTokensAsync(userId))!;
        Assert.NotEqual(before.AccessToken, after.AccessToken);
        Assert.Equal(before.RefreshToken, after.RefreshToken);
    }

    [Fact]
    public async Task Revoked_refresh_token_marks_the_user_as_needing_to_sign_in_again()
    {
        var userId = await _bed.SignInAsync();
        _bed.State.RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var signIn = await Assert.ThrowsAsync<SpotifySignInRequiredException>(() =>
            _bed.Client.GetProfileAsync(userId, Ct));

        Assert.Equal(userId, signIn.UserId);
        Assert.Equal("Refresh token revoked", signIn.Reason);
        Assert.Contains("sign in with Spotify again", signIn.Message);
        await using var db = await _bed.Host.DbAsync();
        Assert.Equal(_bed.Now.UtcDateTime, (await db.Users.SingleAsync(u => u.Id == userId)).NeedsReconsentSince);
        var refresh = (await _bed.ApiCallsAsync())[^1];
        Assert.Equal(("accounts", 400, "Refresh token revoked (invalid_grant)"),
            (refresh.Service, refresh.StatusCode ?? 0, refresh.Error));
    }

    [Fact]
    public async Task Refresh_tokens_stop_working_six_months_after_the_first_consent()
    {
        var userId = await _bed.SignInAsync();
        _bed.Advance(TimeSpan.FromDays(150));
        await _bed.Client.GetProfileAsync(userId, Ct);

        _bed.Advance(TimeSpan.FromDays(35));
        var signIn = await Assert.ThrowsAsync<SpotifySignInRequiredException>(() =>
            _bed.Client.GetProfileAsync(userId, Ct));

        Assert.Equal("Refresh token revoked", signIn.Reason);
    }

    [Fact]
    public async Task Concurrent_calls_rejected_with_an_expired_token_refresh_only_once()
    {
        var userId = await _bed.SignInAsync();
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);

        var profiles = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _bed.Client.GetProfileAsync(userId, Ct)));

        Assert.All(profiles, profile => Assert.Equal(SpotifyEmulatorServer.DemoUserId, profile.Id));
        Assert.Single(await _bed.ApiCallsAsync(), c => c.Service == "accounts");
        await using var db = await _bed.Host.DbAsync();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == userId)).NeedsReconsentSince);
    }

    [Fact]
    public async Task Two_users_tokens_never_mix()
    {
        _bed.State.AddListener(new NewListener("secondlistener", "Second Listener", 11));
        var demo = await _bed.SignInAsync();
        var second = await _bed.SignInAsync("secondlistener");
        _bed.State.ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);
        _bed.State.ExpireAccessTokens("secondlistener");

        var profiles = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => i % 2 == 0 ? demo : second)
            .Select(async userId => (userId, (await _bed.Client.GetProfileAsync(userId, Ct)).Id)));

        Assert.All(profiles,
            p => Assert.Equal(p.userId == demo ? SpotifyEmulatorServer.DemoUserId : "secondlistener", p.Id));
        var refreshes = (await _bed.ApiCallsAsync()).Where(c => c.Service == "accounts").ToList();
        Assert.Equal([demo, second], refreshes.Select(c => c.UserId!.Value).Order());
        Assert.NotEqual((await _bed.StoredTokensAsync(demo))!.AccessToken,
            (await _bed.StoredTokensAsync(second))!.AccessToken);
        Assert.Equal("secondlistener", (await _bed.Client.GetProfileAsync(second, Ct)).Id);
    }

    [Fact]
    public async Task A_user_who_never_connected_Spotify_is_asked_to_sign_in()
    {
        var user = await _bed.Host.AddUserAsync("nobody");

        await Assert.ThrowsAsync<SpotifySignInRequiredException>(() => _bed.Client.GetProfileAsync(user.Id, Ct));

        Assert.Empty(await _bed.ApiCallsAsync());
    }
}
