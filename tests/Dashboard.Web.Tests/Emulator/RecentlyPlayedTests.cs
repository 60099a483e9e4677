using System.Globalization;
using System.Net;
using System.Text.Json;
using Dashboard.SpotifyEmulator.Demo;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>GET /v1/me/player/recently-played: Spotify's cursors, limits and its 50-play horizon.</summary>
[NoDatabase]
public sealed class RecentlyPlayedTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;
    private HttpClient _api = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StartAsync();
        _api = await _host.SignInAsync();
    }

    [Fact]
    public async Task Recently_played_lists_visible_track_plays_newest_first_with_played_at_as_the_end_in_utc()
    {
        var body = await GetAsync("/v1/me/player/recently-played?limit=50");

        var expected = ExpectedRecentPlays();
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal(
            expected.Select(p =>
                (p.Track!.Id, p.EndedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))),
            items.Select(i =>
            (i.GetProperty("track").GetProperty("id").GetString()!, i.GetProperty("played_at").GetString()!)));
        Assert.All(items, i => Assert.Equal("track", i.GetProperty("track").GetProperty("type").GetString()));
        Assert.Equal(50, body.GetProperty("limit").GetInt32());
        Assert.EndsWith("/v1/me/player/recently-played?limit=50", body.GetProperty("href").GetString());
    }

    [Fact]
    public async Task Recently_played_leaves_out_episodes_short_skips_and_private_sessions()
    {
        var expected = ExpectedRecentPlays();
        var window = _host.ListenerOf().PlaysBetween(expected[^1].EndedAt, _host.Now).ToList();
        Assert.True(window.Count > expected.Count, "The window holds plays that recently played must leave out.");

        var body = await GetAsync("/v1/me/player/recently-played?limit=50");

        var returned = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("played_at").GetString())
            .ToHashSet();
        var hidden = window.Where(p => p.Track is null || p.MsPlayed < 30_000 || p.Incognito);
        Assert.DoesNotContain(hidden,
            p => returned.Contains(p.EndedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Recently_played_only_reaches_the_last_50_plays()
    {
        var all = await GetAsync("/v1/me/player/recently-played?limit=50");
        var oldest = all.GetProperty("cursors").GetProperty("before").GetString()!;
        Assert.True(_host.ListenerOf().PlaysBetween(_host.Now.AddDays(-30), _host.Now.AddDays(-10))
            .Any(p => p.Track is not null),
            "The listener played long before the last 50 plays.");

        var beyond = await GetAsync($"/v1/me/player/recently-played?limit=50&before={oldest}");

        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, beyond.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, beyond.GetProperty("cursors").ValueKind);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);

        var longAgo = new DateTimeOffset(_host.Now.AddDays(-20)).ToUnixTimeMilliseconds();
        var gap = await GetAsync($"/v1/me/player/recently-played?before={longAgo}");
        Assert.Empty(gap.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Recently_played_pages_back_through_next_links_with_before_cursors()
    {
        var seen = new List<string>();
        var url = "/v1/me/player/recently-played?limit=20";
        var pages = 0;
        while (url is not null)
        {
            var page = await GetAsync(url);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            var cursors = page.GetProperty("cursors");
            Assert.Equal(UnixMs(items[0]), cursors.GetProperty("after").GetString());
            Assert.Equal(UnixMs(items[^1]), cursors.GetProperty("before").GetString());
            seen.AddRange(items.Select(i => i.GetProperty("played_at").GetString()!));
            url = page.GetProperty("next").GetString() is { } next ? new Uri(next).PathAndQuery : null;
            if (url is not null)
            {
                Assert.Contains($"before={cursors.GetProperty("before").GetString()}", url);
            }
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(ExpectedRecentPlays()
            .Select(p => p.EndedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)), seen);
    }

    [Fact]
    public async Task Recently_played_after_a_cursor_returns_only_the_plays_that_ended_later()
    {
        var expected = ExpectedRecentPlays();
        var cursor = new DateTimeOffset(expected[9].EndedAt).ToUnixTimeMilliseconds();

        var body = await GetAsync($"/v1/me/player/recently-played?after={cursor}&limit=50");

        Assert.Equal(expected.Take(9).Select(p => p.Track!.Id),
            body.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("track").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Recently_played_grows_as_time_passes()
    {
        var before = (await GetAsync("/v1/me/player/recently-played?limit=1"))
            .GetProperty("items")[0].GetProperty("played_at").GetString();

        _host.Clock.Advance(TimeSpan.FromDays(1));
        _api = await _host.SignInAsync(); // the access token lasts an hour
        var after = (await GetAsync("/v1/me/player/recently-played?limit=1"))
            .GetProperty("items")[0].GetProperty("played_at").GetString();

        Assert.True(string.CompareOrdinal(after, before) > 0, $"{after} is later than {before}.");
    }

    [Fact]
    public async Task Recently_played_gives_the_album_as_context_or_null()
    {
        var expected = ExpectedRecentPlays();

        var items = (await GetAsync("/v1/me/player/recently-played?limit=50")).GetProperty("items").EnumerateArray()
            .ToList();

        Assert.Equal(expected.Select(p => p.ContextUri), items.Select(i =>
            i.GetProperty("context") is { ValueKind: JsonValueKind.Object } context
            ? context.GetProperty("uri").GetString() : null));
        Assert.Contains(items, i => i.GetProperty("context").ValueKind == JsonValueKind.Null);
        Assert.Contains(items, i => i.GetProperty("context").ValueKind == JsonValueKind.Object
                                    && i.GetProperty("context").GetProperty("type").GetString() == "album");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    [InlineData("limit=ten")]
    [InlineData("after=1&before=2")]
    [InlineData("after=yesterday")]
    public async Task Recently_played_refuses_bad_parameters_with_400(string query)
    {
        var response = await _api.GetAsync($"/v1/me/player/recently-played?{query}",
            Xunit.TestContext.Current.CancellationToken);

        await AssertErrorAsync(response, 400);
    }

    /// <summary>What recently played should hold, worked out from the timeline itself.</summary>
    private List<DemoPlay> ExpectedRecentPlays() =>
        _host.ListenerOf().PlaysBetween(_host.Now.AddDays(-14), _host.Now)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito)
            .TakeLast(50).Reverse().ToList();

    private static string UnixMs(JsonElement item) =>
        DateTimeOffset.Parse(item.GetProperty("played_at").GetString()!, CultureInfo.InvariantCulture)
            .ToUnixTimeMilliseconds()
            .ToString(CultureInfo.InvariantCulture);

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _api.GetAsync(url, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
