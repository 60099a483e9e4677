using System.Net;
using System.Net.Http.Json;
using Dashboard.SpotifyEmulator;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>More accounts, added in-process or over /_emulator/users; each keeps to its own history.</summary>
[NoDatabase]
public sealed class EmulatorUsersTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_added_over_http_signs_in_and_sees_only_their_own_history()
    {
        var created = await _host.Http.PostAsJsonAsync("/_emulator/users",
            new { id = "second", display_name = "Second Listener", seed = 4242, product = "premium" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("second", (await JsonAsync(created)).GetProperty("id").GetString());
        var demo = await _host.SignInAsync();
        var second = await _host.SignInAsync("second");

        var demoPlays = await PlayedAtAndTrack(demo);
        var secondPlays = await PlayedAtAndTrack(second);
        var profile = await JsonAsync(await second.GetAsync("/v1/me", Ct));

        Assert.Equal("second", profile.GetProperty("id").GetString());
        Assert.Empty(demoPlays.Intersect(secondPlays));
        var expected = _host.ListenerOf("second").PlaysBetween(_host.Now.AddDays(-14), _host.Now)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito).TakeLast(50).Reverse()
                .Select(p => p.Track!.Id);
        Assert.Equal(expected, secondPlays.Select(p => p.Track));
    }

    [Fact]
    public async Task Users_are_listed_and_a_taken_id_is_a_conflict()
    {
        _host.State.AddListener(new NewListener("freebie", "Free Bie", Seed: 3) { Product = "free" });

        var users = await JsonAsync(await _host.Http.GetAsync("/_emulator/users", Ct));
        var again = await _host.Http.PostAsJsonAsync("/_emulator/users",
            new { id = "freebie", display_name = "Again", seed = 1 }, Ct);
        var incomplete = await _host.Http.PostAsJsonAsync("/_emulator/users", new { id = "nameless" }, Ct);

        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("id").GetString() == "freebie"
            && u.GetProperty("product").GetString() == "free");
        Assert.Contains(users.EnumerateArray(),
            u => u.GetProperty("id").GetString() == SpotifyEmulatorServer.DemoUserId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Throws<ArgumentException>(() => _host.State.AddListener(new NewListener("freebie", "Twice", Seed: 5)));
    }

    [Fact]
    public async Task A_free_user_added_over_http_gets_PREMIUM_REQUIRED()
    {
        await _host.Http.PostAsJsonAsync("/_emulator/users",
            new { id = "free", display_name = "Free", seed = 11, product = "free" }, Ct);
        _host.AdvanceUntilPlayingTrack("free");
        var api = await _host.SignInAsync("free");

        Assert.Equal("free", (await JsonAsync(await api.GetAsync("/v1/me", Ct))).GetProperty("product").GetString());
        await AssertErrorAsync(await api.PutAsync("/v1/me/player/pause", null, Ct), 403, "PREMIUM_REQUIRED");
    }

    private static async Task<List<(string PlayedAt, string Track)>> PlayedAtAndTrack(HttpClient api)
    {
        var body = await JsonAsync(await api.GetAsync("/v1/me/player/recently-played?limit=50", Ct));
        return body.GetProperty("items").EnumerateArray()
            .Select(i =>
                (i.GetProperty("played_at").GetString()!, i.GetProperty("track").GetProperty("id").GetString()!))
                .ToList();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
