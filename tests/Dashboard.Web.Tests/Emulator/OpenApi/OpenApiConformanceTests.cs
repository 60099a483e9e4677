using System.Text.Json;
using Dashboard.SpotifyEmulator.Faults;

namespace Dashboard.Web.Tests.Emulator.OpenApi;

/// <summary>One emulator, signed in while a track plays, shared by the read-only conformance checks.</summary>
public sealed class PlayingEmulatorFixture : IAsyncLifetime
{
    internal EmulatorHost Host { get; private set; } = default!;

    internal HttpClient Api { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Host = await EmulatorHost.StartAsync();
        Host.AdvanceUntilPlayingTrack();
        Api = await Host.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// Every Web API endpoint the emulator serves, called and held against Spotify's OpenAPI spec: the operation
/// exists, the status is one the spec lists, and the body matches the response schema.
/// </summary>
[NoDatabase]
public sealed class OpenApiConformanceTests(PlayingEmulatorFixture fixture) : IClassFixture<PlayingEmulatorFixture>
{
    private static readonly SchemaValidator Validator = new(OpenApiDocument.Spotify);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/me", "/v1/me", 200)]
    [InlineData("/me/player/recently-played", "/v1/me/player/recently-played?limit=50", 200)]
    [InlineData("/me/top/artists", "/v1/me/top/artists?time_range=short_term&limit=5", 200)]
    [InlineData("/me/top/tracks", "/v1/me/top/tracks?limit=5&offset=5", 200)]
    [InlineData("/tracks/{id}", "/v1/tracks/{track}", 200)]
    [InlineData("/artists/{id}", "/v1/artists/{artist}", 200)]
    [InlineData("/albums/{id}", "/v1/albums/{album}", 200)]
    [InlineData("/tracks", "/v1/tracks?ids={track}", 403)]
    [InlineData("/artists", "/v1/artists?ids={artist}", 403)]
    [InlineData("/albums", "/v1/albums?ids={album}", 403)]
    [InlineData("/audio-features", "/v1/audio-features?ids={track}", 403)]
    [InlineData("/audio-features/{id}", "/v1/audio-features/{track}", 403)]
    [InlineData("/recommendations", "/v1/recommendations?seed_tracks={track}", 403)]
    [InlineData("/me/player", "/v1/me/player", 200)]
    [InlineData("/me/player/currently-playing", "/v1/me/player/currently-playing", 200)]
    [InlineData("/me/player/devices", "/v1/me/player/devices", 200)]
    [InlineData("/me/player/queue", "/v1/me/player/queue", 200)]
    [InlineData("/me/playlists", "/v1/me/playlists?limit=50", 200)]
    [InlineData("/me/albums", "/v1/me/albums?limit=3", 200)]
    [InlineData("/me/following", "/v1/me/following?type=artist&limit=50", 200)]
    public async Task Each_endpoint_answers_as_the_spec_describes(string specPath, string url, int expectedStatus)
    {
        var response = await fixture.Api.GetAsync(WithIds(url), Ct);

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        await AssertConformsAsync("GET", specPath, response);
    }

    [Fact]
    public async Task Episodes_in_the_queue_conform_too()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.AdvanceUntilPlaying(play => play.Episode is not null);
        var api = await host.SignInAsync();

        var queue = await api.GetAsync("/v1/me/player/queue", Ct);
        var player = await api.GetAsync("/v1/me/player?additional_types=episode", Ct);

        await AssertConformsAsync("GET", "/me/player/queue", queue);
        await AssertConformsAsync("GET", "/me/player", player);
        Assert.Equal("episode",
            (await EmulatorHost.JsonAsync(player)).GetProperty("item").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Player_commands_answer_with_statuses_the_spec_lists()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.AdvanceUntilPlayingTrack();
        var api = await host.SignInAsync();

        await AssertConformsAsync("PUT", "/me/player/pause", await api.PutAsync("/v1/me/player/pause", null, Ct), 204);
        await AssertConformsAsync("PUT", "/me/player/play", await api.PutAsync("/v1/me/player/play", null, Ct), 204);
        await AssertConformsAsync("POST", "/me/player/next", await api.PostAsync("/v1/me/player/next", null, Ct), 204);
        await AssertConformsAsync("POST", "/me/player/previous",
            await api.PostAsync("/v1/me/player/previous", null, Ct), 204);
    }

    [Fact]
    public async Task Errors_and_faults_keep_to_the_spec()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(fixture.Host.Emulator.BaseUrl) };
        await AssertConformsAsync("GET", "/me/player/recently-played",
            await anonymous.GetAsync("/v1/me/player/recently-played", Ct), 401);

        fixture.Host.State.Faults.Inject(Fault.TooManyRequests(retryAfterSeconds: 2, pathPrefix: "/v1/me/top"));
        await AssertConformsAsync("GET", "/me/top/tracks", await fixture.Api.GetAsync("/v1/me/top/tracks", Ct), 429);

        fixture.Host.State.Faults.Inject(Fault.NullTracks());
        await AssertConformsAsync("GET", "/me/player/recently-played",
            await fixture.Api.GetAsync("/v1/me/player/recently-played", Ct), 200);
    }

    private static async Task AssertConformsAsync(string method, string specPath, HttpResponseMessage response,
        int? expectedStatus = null)
    {
        var spec = OpenApiDocument.Spotify;
        var operation = spec.Operation(specPath, method);
        Assert.True(operation is not null, $"The spec has no {method} {specPath}.");
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (expectedStatus is not null)
        {
            Assert.Equal(expectedStatus, (int)response.StatusCode);
        }
        Assert.True(spec.Statuses(operation).Contains(status),
            $"{method} {specPath} answered {status}; the spec lists {string.Join(", ", spec.Statuses(operation))}.");

        var body = await response.Content.ReadAsStringAsync(Ct);
        if (spec.ResponseSchema(operation, status) is not { } schema)
        {
            Assert.True(body.Length == 0, $"{method} {specPath} {status} has no body in the spec but answered: {body}");
            return;
        }
        using var json = JsonDocument.Parse(body);
        var problems = Validator.Validate(json.RootElement, schema);
        Assert.True(problems.Count == 0, $"{method} {specPath} {status}:\n{string.Join("\n", problems)}");
    }

    private string WithIds(string url)
    {
        var catalog = fixture.Host.State.Catalog;
        var album = catalog.Albums.First(a => a.Tracks.Count > 2);
        return url.Replace("{track}", album.Tracks[1].Id, StringComparison.Ordinal)
            .Replace("{artist}", album.Artist.Id, StringComparison.Ordinal)
            .Replace("{album}", album.Id, StringComparison.Ordinal);
    }
}
