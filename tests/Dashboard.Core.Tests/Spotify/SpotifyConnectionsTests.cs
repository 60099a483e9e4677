using Dashboard.Core.Spotify;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Spotify;

/// <summary>
/// What the Settings page says about the Spotify sign-in: scopes, token expiry and the six-month limit.
/// </summary>
public sealed class SpotifyConnectionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_six_months_run_from_the_first_consent_and_neither_refreshes_nor_later_sign_ins_extend_them()
    {
        await using var host = await CoreTestHost.StartAsync(Start);
        var user = await host.AddUserAsync("listener");
        var store = host.Get<SpotifyTokenStore>();
        await store.SaveAuthorizationAsync(user.Id, Tokens(host, "user-read-private user-top-read"), Ct);

        host.Clock.Advance(TimeSpan.FromDays(40));
        await store.SaveAsync(user.Id, Tokens(host, "user-read-private user-top-read"), Ct);
        var afterRefresh = (await host.Get<SpotifyConnections>().GetAsync(user.Id, Ct))!;

        Assert.Equal(Start.UtcDateTime, afterRefresh.AuthorizedAt);
        Assert.Equal(new DateTime(2026, 7, 15, 9, 0, 0, DateTimeKind.Utc), afterRefresh.SignInAgainBy);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddHours(1), afterRefresh.AccessTokenExpiresAt);
        Assert.False(afterRefresh.SignInAgainSoon(host.Clock.GetUtcNow()));
        Assert.True(afterRefresh.SignInAgainSoon(new DateTimeOffset(2026, 7, 2, 9, 0, 0, TimeSpan.Zero)));

        host.Clock.Advance(TimeSpan.FromDays(100));
        await store.SaveAuthorizationAsync(user.Id, Tokens(host, "user-read-private user-top-read"), Ct);
        var afterSignIn = (await host.Get<SpotifyConnections>().GetAsync(user.Id, Ct))!;

        Assert.Equal(Start.UtcDateTime, afterSignIn.ConnectedSince);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, afterSignIn.AuthorizedAt);
        Assert.Equal(new DateTime(2026, 7, 15, 9, 0, 0, DateTimeKind.Utc), afterSignIn.SignInAgainBy);

        // Once the six months are over, signing in again is a new consent.
        host.Clock.Advance(TimeSpan.FromDays(60));
        await store.SaveAuthorizationAsync(user.Id, Tokens(host, "user-read-private user-top-read"), Ct);
        var afterNewConsent = (await host.Get<SpotifyConnections>().GetAsync(user.Id, Ct))!;

        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, afterNewConsent.ConnectedSince);
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime.AddMonths(6), afterNewConsent.SignInAgainBy);
    }

    [Fact]
    public async Task Scopes_granted_are_listed_and_those_asked_for_but_not_granted_are_missing()
    {
        await using var host = await CoreTestHost.StartAsync(Start);
        var user = await host.AddUserAsync("listener");
        var asked = new SpotifyOptions().Scopes;
        await host.Get<SpotifyTokenStore>()
            .SaveAuthorizationAsync(user.Id, Tokens(host, string.Join(' ', asked.Where(s => s != "user-top-read"))),
                Ct);

        var connection = (await host.Get<SpotifyConnections>().GetAsync(user.Id, Ct))!;

        Assert.Equal(asked.Where(s => s != "user-top-read").Order(StringComparer.Ordinal), connection.GrantedScopes);
        Assert.Equal(["user-top-read"], connection.MissingScopes);
    }

    [Fact]
    public async Task A_refused_sign_in_is_reported_with_its_date_and_no_connection_is_null()
    {
        await using var host = await CoreTestHost.StartAsync(Start);
        var user = await host.AddUserAsync("listener");
        var connections = host.Get<SpotifyConnections>();
        Assert.Null(await connections.GetAsync(user.Id, Ct));
        Assert.Null(await connections.NeedsSignInSinceAsync(user.Id, Ct));

        await host.Get<SpotifyTokenStore>().SaveAuthorizationAsync(user.Id, Tokens(host, "user-read-private"), Ct);
        await using (var db = await host.DbAsync())
        {
            await db.Users.Where(u => u.Id == user.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.NeedsReconsentSince, Start.UtcDateTime), Ct);
        }

        Assert.Equal(Start.UtcDateTime, await connections.NeedsSignInSinceAsync(user.Id, Ct));
        var connection = (await connections.GetAsync(user.Id, Ct))!;
        Assert.Equal(Start.UtcDateTime, connection.NeedsSignInSince);
        Assert.False(connection.SignInAgainSoon(Start.AddMonths(6)));
    }

    private static SpotifyTokens Tokens(CoreTestHost host, string scopes) =>
        new("access", "refresh", host.Clock.GetUtcNow().UtcDateTime.AddHours(1), scopes);
}
