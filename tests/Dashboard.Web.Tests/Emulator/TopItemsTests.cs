using System.Net;
using System.Text.Json;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>GET /v1/me/top/{artists,tracks}: ranked by the listener's plays in the time range, offset-paged.</summary>
[NoDatabase]
public sealed class TopItemsTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;
    private HttpClient _api = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StartAsync();
        _api = await _host.SignInAsync();
    }

    [Fact]
    public async Task Top_tracks_are_ranked_by_plays_in_the_last_four_weeks()
    {
        var playsByTrack = VisibleTrackPlays(TimeSpan.FromDays(28)).GroupBy(p => p.Track!.Id)
            .ToDictionary(g => g.Key, g => g.Count());

        var body = await GetAsync("/v1/me/top/tracks?time_range=short_term&limit=50");

        var counts = body.GetProperty("items").EnumerateArray()
            .Select(t => playsByTrack[t.GetProperty("id").GetString()!]).ToList();
        Assert.Equal(50, counts.Count);
        Assert.Equal(playsByTrack.Values.Max(), counts[0]);
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(playsByTrack.Count, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Top_artists_are_ranked_by_plays_and_the_time_ranges_differ()
    {
        var playsByArtist = VisibleTrackPlays(TimeSpan.FromDays(182))
            .SelectMany(p => p.Track!.Featured.Prepend(p.Track.Artist)).GroupBy(a => a.Id)
                .ToDictionary(g => g.Key, g => g.Count());

        var medium = await GetAsync("/v1/me/top/artists");
        var shortTerm = await GetAsync("/v1/me/top/artists?time_range=short_term");
        var longTerm = await GetAsync("/v1/me/top/artists?time_range=long_term");

        var counts = medium.GetProperty("items").EnumerateArray()
            .Select(a => playsByArtist[a.GetProperty("id").GetString()!]).ToList();
        Assert.Equal(20, counts.Count);
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.NotEqual(Ids(shortTerm), Ids(longTerm));
        Assert.All(medium.GetProperty("items").EnumerateArray(), artist =>
        {
            Assert.NotEmpty(artist.GetProperty("images").EnumerateArray());
            Assert.NotEmpty(artist.GetProperty("genres").EnumerateArray());
            Assert.False(artist.TryGetProperty("popularity", out _));
        });
    }

    [Fact]
    public async Task Top_items_page_with_offset_and_limit()
    {
        var all = Ids(await GetAsync("/v1/me/top/tracks?limit=50"));

        var page = await GetAsync("/v1/me/top/tracks?limit=5&offset=5");

        Assert.Equal(all.Skip(5).Take(5), Ids(page));
        Assert.Equal(5, page.GetProperty("offset").GetInt32());
        Assert.Equal(5, page.GetProperty("limit").GetInt32());
        Assert.Contains("offset=10", page.GetProperty("next").GetString());
        Assert.Contains("offset=0", page.GetProperty("previous").GetString());
        Assert.Equal(JsonValueKind.Null,
            (await GetAsync("/v1/me/top/tracks?limit=5")).GetProperty("previous").ValueKind);
    }

    [Theory]
    [InlineData("time_range=forever")]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    [InlineData("offset=-1")]
    public async Task Top_items_refuse_bad_parameters_with_400(string query)
    {
        var response = await _api.GetAsync($"/v1/me/top/tracks?{query}", Xunit.TestContext.Current.CancellationToken);

        await AssertErrorAsync(response, 400);
    }

    /// <summary>Spotify recomputes top items daily: the window ends at today's midnight UTC.</summary>
    private List<SpotifyEmulator.Demo.DemoPlay> VisibleTrackPlays(TimeSpan span)
    {
        var today = _host.Now.Date;
        return _host.ListenerOf().PlaysBetween(today - span, today)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito).ToList();
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _api.GetAsync(url, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
