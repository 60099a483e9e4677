using System.Net;
using Dashboard.SpotifyEmulator;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// Spotify's limits per app: a rolling 30-second rate limit and a daily quota, both answered with 429.
/// </summary>
[NoDatabase]
public sealed class EmulatorLimitsTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Past_the_rate_limit_calls_get_429_with_a_retry_after_that_lets_them_back_in()
    {
        await using var host = await StartAsync(rateLimitRequests: 5);
        var api = await host.SignInAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/me", Ct)).StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(2));
        }

        var refused = await api.GetAsync("/v1/me", Ct);

        var error = await AssertErrorAsync(refused, 429);
        Assert.False(error.TryGetProperty("reason", out _));
        var retryAfter = refused.Headers.RetryAfter!.Delta!.Value;
        Assert.Equal(TimeSpan.FromSeconds(20), retryAfter); // the first call leaves the 30 s window 20 s from now
        host.Clock.Advance(retryAfter - TimeSpan.FromSeconds(1));
        Assert.Equal((HttpStatusCode)429, (await api.GetAsync("/v1/me", Ct)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_rate_limit_counts_each_app_separately()
    {
        var other = new EmulatedClient("other-app", "other-secret", "Other app", [EmulatorSignIn.RedirectUri]);
        await using var host = await StartAsync(rateLimitRequests: 3, otherClients: other);
        var first = await host.SignInAsync();
        var second = await host.SignInAsync(clientId: "other-app", clientSecret: "other-secret");
        for (var i = 0; i < 3; i++)
        {
            await first.GetAsync("/v1/me", Ct);
        }

        Assert.Equal((HttpStatusCode)429, (await first.GetAsync("/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Past_the_daily_quota_calls_get_QUOTA_EXCEEDED_until_midnight_utc()
    {
        await using var host = await StartAsync(dailyRequestQuota: 3);
        var api = await host.SignInAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/me", Ct)).StatusCode);
        }

        var refused = await api.GetAsync("/v1/me", Ct);

        await AssertErrorAsync(refused, 429, "QUOTA_EXCEEDED");
        var untilMidnight = host.Now.Date.AddDays(1) - host.Now;
        Assert.Equal(untilMidnight, refused.Headers.RetryAfter!.Delta);
        host.Clock.Advance(untilMidnight);
        api = await host.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_refused_before_they_count()
    {
        await using var host = await StartAsync(rateLimitRequests: 2);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/v1/me", Ct)).StatusCode);
        }
        var api = await host.SignInAsync();

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/me", Ct)).StatusCode);
    }
}
