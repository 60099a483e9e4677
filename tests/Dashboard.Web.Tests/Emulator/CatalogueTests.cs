using System.Net;
using System.Text.Json;
using static Dashboard.Web.Tests.Emulator.EmulatorHost;

namespace Dashboard.Web.Tests.Emulator;

/// <summary>
/// Single look-ups of tracks, artists and albums, and the look-ups a development-mode app is refused.
/// </summary>
[NoDatabase]
public sealed class CatalogueTests : IAsyncLifetime
{
    private EmulatorHost _host = default!;
    private HttpClient _api = default!;

    public async ValueTask InitializeAsync()
    {
        _host = await StartAsync();
        _api = await _host.SignInAsync();
    }

    [Fact]
    public async Task A_track_has_its_album_artists_duration_explicit_flag_and_isrc()
    {
        var track = _host.State.Catalog.Tracks.First(t => t.Featured.Count > 0);
        var album = _host.State.Catalog.AlbumOf(track);

        var body = await GetAsync($"/v1/tracks/{track.Id}");

        Assert.Equal(track.Id, body.GetProperty("id").GetString());
        Assert.Equal(track.Name, body.GetProperty("name").GetString());
        Assert.Equal("track", body.GetProperty("type").GetString());
        Assert.Equal($"spotify:track:{track.Id}", body.GetProperty("uri").GetString());
        Assert.Equal(track.DurationMs, body.GetProperty("duration_ms").GetInt32());
        Assert.Equal(track.Explicit, body.GetProperty("explicit").GetBoolean());
        Assert.Equal(track.Isrc, body.GetProperty("external_ids").GetProperty("isrc").GetString());
        Assert.Equal(track.TrackNumber, body.GetProperty("track_number").GetInt32());
        Assert.Equal([track.Artist.Id, track.Featured[0].Id],
            body.GetProperty("artists").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
        Assert.Equal(album.Id, body.GetProperty("album").GetProperty("id").GetString());
        Assert.Equal(album.Tracks.Count, body.GetProperty("album").GetProperty("total_tracks").GetInt32());
        AssertHasArtwork(body.GetProperty("album"), "album", album.Id);
        AssertNoDevelopmentModeRemovedFields(body);
    }

    [Fact]
    public async Task An_artist_has_images_and_genres_but_no_popularity_or_followers()
    {
        var artist = _host.State.Catalog.Artists[7];

        var body = await GetAsync($"/v1/artists/{artist.Id}");

        Assert.Equal(artist.Name, body.GetProperty("name").GetString());
        Assert.Equal("artist", body.GetProperty("type").GetString());
        Assert.Equal([artist.Genre], body.GetProperty("genres").EnumerateArray().Select(g => g.GetString()!));
        AssertHasArtwork(body, "artist", artist.Id);
        AssertNoDevelopmentModeRemovedFields(body);
    }

    [Fact]
    public async Task An_album_has_images_release_date_artists_and_its_tracks()
    {
        var album = _host.State.Catalog.Albums.First(a => a.Tracks.Count > 3
            && string.CompareOrdinal(a.ReleaseDate, "2010") >= 0);

        var body = await GetAsync($"/v1/albums/{album.Id}");

        Assert.Equal(album.Name, body.GetProperty("name").GetString());
        Assert.Equal(album.AlbumType, body.GetProperty("album_type").GetString());
        Assert.Equal(album.ReleaseDate, body.GetProperty("release_date").GetString());
        Assert.Equal("day", body.GetProperty("release_date_precision").GetString());
        Assert.Equal(album.Artist.Id, body.GetProperty("artists")[0].GetProperty("id").GetString());
        var tracks = body.GetProperty("tracks");
        Assert.Equal(album.Tracks.Count, tracks.GetProperty("total").GetInt32());
        Assert.Equal(album.Tracks.Select(t => t.Id),
            tracks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
        AssertHasArtwork(body, "album", album.Id);
        AssertNoDevelopmentModeRemovedFields(body);
    }

    [Fact]
    public async Task Albums_released_before_2010_carry_only_the_year()
    {
        var album = _host.State.Catalog.Albums.First(a => string.CompareOrdinal(a.ReleaseDate, "2010") < 0);

        var body = await GetAsync($"/v1/albums/{album.Id}");

        Assert.Equal(album.ReleaseDate[..4], body.GetProperty("release_date").GetString());
        Assert.Equal("year", body.GetProperty("release_date_precision").GetString());
    }

    [Theory]
    [InlineData("tracks")]
    [InlineData("artists")]
    [InlineData("albums")]
    public async Task Unknown_ids_are_404_and_malformed_ids_400(string collection)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;

        await AssertErrorAsync(await _api.GetAsync($"/v1/{collection}/0000000000000000000000", ct), 404);
        await AssertErrorAsync(await _api.GetAsync($"/v1/{collection}/not-an-id", ct), 400);
    }

    [Theory]
    [InlineData("/v1/tracks?ids=4iV5W9uYEdYUVa79Axb7Rh,1301WleyT98MSxVHPZCA6M")]
    [InlineData("/v1/artists?ids=4iV5W9uYEdYUVa79Axb7Rh")]
    [InlineData("/v1/albums?ids=4iV5W9uYEdYUVa79Axb7Rh")]
    [InlineData("/v1/audio-features?ids=4iV5W9uYEdYUVa79Axb7Rh")]
    [InlineData("/v1/audio-features/4iV5W9uYEdYUVa79Axb7Rh")]
    [InlineData("/v1/recommendations?seed_genres=folk")]
    public async Task Look_ups_removed_for_development_mode_apps_are_403(string url)
    {
        var response = await _api.GetAsync(url, Xunit.TestContext.Current.CancellationToken);

        await AssertErrorAsync(response, 403);
    }

    [Fact]
    public async Task Endpoints_the_emulator_does_not_serve_answer_404_in_Spotify_shape()
    {
        var response = await _api.GetAsync("/v1/browse/new-releases", Xunit.TestContext.Current.CancellationToken);

        var error = await AssertErrorAsync(response, 404);
        Assert.Equal("Service not found", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Artwork_links_serve_generated_svg()
    {
        var album = _host.State.Catalog.Albums[0];
        var url = (await GetAsync($"/v1/albums/{album.Id}")).GetProperty("images")[0].GetProperty("url").GetString()!;

        var response = await _host.Http.GetAsync(url, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
    }

    private static void AssertHasArtwork(JsonElement item, string kind, string id)
    {
        var images = item.GetProperty("images").EnumerateArray().ToList();
        Assert.NotEmpty(images);
        Assert.All(images, image => Assert.EndsWith($"/images/{kind}/{id}.svg", image.GetProperty("url").GetString()));
        Assert.Equal(images.Select(i => i.GetProperty("width").GetInt32()).OrderDescending(),
            images.Select(i => i.GetProperty("width").GetInt32()));
    }

    /// <summary>Since February 2026 a development-mode app gets none of these.</summary>
    private static void AssertNoDevelopmentModeRemovedFields(JsonElement item)
    {
        Assert.False(item.TryGetProperty("popularity", out _), "no popularity");
        Assert.False(item.TryGetProperty("followers", out _), "no followers");
        Assert.False(item.TryGetProperty("available_markets", out _), "no available_markets");
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _api.GetAsync(url, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
