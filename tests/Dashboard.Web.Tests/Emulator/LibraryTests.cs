using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.SpotifyEmulator;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>The user's library: playlists and saved albums (offset paging), followed artists (cursor paging).</summary>
[NoDatabase]
public sealed class LibraryTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;
    private HttpClient _api = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StartAsync();
        _api = await _host.SignInAsync();
    }

    [Fact]
    public async Task Playlists_page_by_offset_and_link_to_their_items()
    {
        var all = await GetAsync("/v1/me/playlists?limit=50");
        var total = all.GetProperty("total").GetInt32();
        Assert.InRange(total, 5, 10);

        var page = await GetAsync("/v1/me/playlists?limit=2&offset=2");

        Assert.Equal(Ids(all).Skip(2).Take(2), Ids(page));
        Assert.Contains("offset=4", page.GetProperty("next").GetString());
        Assert.All(all.GetProperty("items").EnumerateArray(), playlist =>
        {
            Assert.Equal("playlist", playlist.GetProperty("type").GetString());
            Assert.Matches("^[0-9A-Za-z]{22}$", playlist.GetProperty("id").GetString());
            Assert.True(playlist.GetProperty("items").GetProperty("total").GetInt32() > 0);
            Assert.EndsWith($"/v1/playlists/{playlist.GetProperty("id").GetString()}/items",
                playlist.GetProperty("items").GetProperty("href").GetString());
            Assert.NotEmpty(playlist.GetProperty("images").EnumerateArray());
        });
        var owners = all.GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("owner").GetProperty("id").GetString()).ToList();
        Assert.Contains(SpotifyEmulatorServer.DemoUserId, owners);
        Assert.Contains(owners, owner => owner != SpotifyEmulatorServer.DemoUserId);
    }

    [Fact]
    public async Task Saved_albums_come_newest_first_with_added_at_in_the_past()
    {
        var body = await GetAsync("/v1/me/albums?limit=50");

        var added = body.GetProperty("items").EnumerateArray()
            .Select(i =>
                DateTime.Parse(i.GetProperty("added_at").GetString()!, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal))
            .ToList();
        Assert.True(body.GetProperty("total").GetInt32() >= 25);
        Assert.Equal(added.OrderDescending(), added);
        Assert.All(added, at => Assert.True(at <= _host.Now));
        Assert.All(body.GetProperty("items").EnumerateArray(), i =>
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", i.GetProperty("added_at").GetString()));
        var album = body.GetProperty("items")[0].GetProperty("album");
        Assert.Equal("album", album.GetProperty("type").GetString());
        Assert.NotEmpty(album.GetProperty("tracks").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Followed_artists_page_with_the_after_cursor_until_next_is_null()
    {
        var seen = new List<string>();
        var url = "/v1/me/following?type=artist&limit=10";
        var total = 0;
        while (url is not null)
        {
            var artists = (await GetAsync(url)).GetProperty("artists");
            var ids = Ids(artists);
            total = artists.GetProperty("total").GetInt32();
            Assert.Equal(ids[^1], artists.GetProperty("cursors").GetProperty("after").GetString());
            seen.AddRange(ids);
            url = artists.GetProperty("next").GetString() is { } next ? new Uri(next).PathAndQuery : null;
            if (url is not null)
            {
                Assert.Contains($"after={ids[^1]}", url);
            }
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(total > 10);
    }

    [Theory]
    [InlineData("/v1/me/following")]
    [InlineData("/v1/me/following?type=user")]
    [InlineData("/v1/me/albums?limit=0")]
    [InlineData("/v1/me/playlists?offset=-3")]
    public async Task Library_endpoints_refuse_bad_parameters_with_400(string url)
    {
        await AssertErrorAsync(await _api.GetAsync(url, Xunit.TestContext.Current.CancellationToken), 400);
    }

    [Fact]
    public async Task Another_listener_has_another_library()
    {
        _host.State.AddListener(new NewListener("second", "Second Listener", Seed: 7));
        var second = await _host.SignInAsync("second");

        var mine = Ids((await GetAsync("/v1/me/following?type=artist&limit=50")).GetProperty("artists"));
        var theirs = Ids((await GetAsync("/v1/me/following?type=artist&limit=50", second)).GetProperty("artists"));
        var myPlaylists = (await GetAsync("/v1/me/playlists")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("owner").GetProperty("id").GetString()).ToList();

        Assert.NotEqual(mine, theirs);
        Assert.DoesNotContain("second", myPlaylists);
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    private async Task<JsonElement> GetAsync(string url, HttpClient? api = null)
    {
        var response = await (api ?? _api).GetAsync(url, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
