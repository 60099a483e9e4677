using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Api;

/// <summary>
/// The analytics API against plain counts over each user's raw plays, for two users of one instance, each through
/// their own token: every figure must be their own, never the other's.
/// </summary>
public sealed class AnalyticsApiTests(TwoListenersFixture app) : IClassFixture<TwoListenersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Users => ["demo", "stranger"];

    private (HttpClient Client, int UserId) As(string who) => who == "demo"
        ? (app.WithToken(app.DemoToken), app.DemoUserId)
        : (app.WithToken(app.StrangerToken), app.StrangerUserId);

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    // The tests that show a route keeps each user's data apart.
    private const string OwnRollupBuild =
        nameof(AnalyticsApiTests) + "." + nameof(A_rollup_build_rebuilds_the_callers_rollups_only);
    private const string OwnFigures =
        nameof(AnalyticsApiTests) + "." + nameof(Every_endpoint_answers_with_the_users_own_figures);
    private const string OwnApiCalls =
        nameof(ApiLogEndpointTests) + "." +
        nameof(ApiLogEndpointTests.The_log_and_its_stats_count_only_the_users_own_calls_under_the_filters);
    private const string OwnImports =
        nameof(ImportEndpointTests) + "." + nameof(ImportEndpointTests.Another_users_import_is_not_found);
    private const string OwnImportUndo = nameof(ImportUndoEndpointTests) + "." + nameof(ImportUndoEndpointTests
        .Undoing_an_import_deletes_its_plays_and_every_figure_is_as_before_it_for_its_owner_alone);
    private const string OwnPlayDeletion = nameof(PlayDeletionEndpointTests) + "." + nameof(PlayDeletionEndpointTests
        .Deleting_one_play_takes_it_out_of_every_figure_and_another_listeners_play_is_not_found);
    private const string OwnDaysDeletion = nameof(PlayDeletionEndpointTests) + "." + nameof(PlayDeletionEndpointTests
        .Deleting_the_plays_of_a_range_of_days_leaves_the_figures_of_the_rest_and_no_one_elses_changes);
    private const string OwnPlayer =
        nameof(PlayerEndpointTests) + "." + nameof(PlayerEndpointTests.Each_listener_commands_their_own_player);
    private const string OwnReports =
        nameof(ReportEndpointTests) + "." +
        nameof(ReportEndpointTests.Another_user_can_neither_see_nor_download_nor_delete_a_report);
    private const string OwnReportLinks =
        nameof(ReportEndpointTests) + "." +
        nameof(ReportEndpointTests.An_altered_link_is_404_and_another_report_s_link_does_not_open_it);
    private const string OwnTokens =
        nameof(ApiTokenTests) + "." +
        nameof(ApiTokenTests.The_tokens_api_lists_makes_and_revokes_a_signed_in_users_tokens_and_refuses_a_taken_name);
    private const string OwnSyncRuns =
        nameof(SyncRunEndpointTests) + "." +
        nameof(SyncRunEndpointTests.The_list_and_stats_show_the_users_own_runs_and_steps_and_agree_with_the_database);

    /// <summary>
    /// Each <c>/api/v1</c> route, and the test (<c>Class.Method</c>) that shows two users never see or change each
    /// other's data through it, or why it needs none. Checked against the app's routes, so a new route fails
    /// <see cref="Every_api_route_has_a_check_that_users_never_see_each_others_data"/> until it is listed here.
    /// </summary>
    private static readonly Dictionary<string, string> IsolationChecks = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/analytics/overview"] = OwnFigures,
        ["GET /api/v1/analytics/trend"] = OwnFigures,
        ["GET /api/v1/analytics/rollup-status"] = OwnFigures,
        ["POST /api/v1/analytics/rollup-build"] = OwnRollupBuild,
        ["GET /api/v1/tracks/top"] = OwnFigures,
        ["GET /api/v1/artists/top"] = OwnFigures,
        ["GET /api/v1/albums/top"] = OwnFigures,
        ["GET /api/v1/genres/distribution"] = OwnFigures,
        ["GET /api/v1/history"] = OwnFigures,
        ["DELETE /api/v1/history"] = OwnDaysDeletion,
        ["DELETE /api/v1/history/{id}"] = OwnPlayDeletion,
        ["GET /api/v1/tokens"] = OwnTokens,
        ["POST /api/v1/tokens"] = OwnTokens,
        ["DELETE /api/v1/tokens/{id:int}"] = OwnTokens,
        ["GET /api/v1/tracks/{id}"] = OwnFigures,
        ["GET /api/v1/artists/{id}"] = OwnFigures,
        ["GET /api/v1/albums/{id}"] = OwnFigures,
        ["GET /api/v1/charts/weekly"] = OwnFigures,
        ["POST /api/v1/history/import"] =
            "exempt: makes an import owned by the caller, which the import reads below show only to them",
        ["GET /api/v1/history/imports"] = OwnImports,
        ["GET /api/v1/history/import/{jobId:int}"] = OwnImports,
        ["POST /api/v1/history/import/{jobId:int}/cancel"] = OwnImports,
        ["DELETE /api/v1/history/imports/{jobId:int}"] = OwnImportUndo,
        ["POST /api/v1/reports"] =
            "exempt: makes a report owned by the caller, which the report reads below show only to them",
        ["GET /api/v1/reports"] = OwnReports,
        ["GET /api/v1/reports/{id:guid}"] = OwnReports,
        ["DELETE /api/v1/reports/{id:guid}"] = OwnReports,
        ["POST /api/v1/reports/{id:guid}/retry"] = OwnReports,
        ["GET /api/v1/reports/{id:guid}/download"] = OwnReportLinks,
        ["GET /api/v1/sync-jobs"] = OwnSyncRuns,
        ["GET /api/v1/sync-jobs/stats"] = OwnSyncRuns,
        ["POST /api/v1/sync-jobs/trigger"] =
            "exempt: starts the caller's own sync, whose runs the sync-job reads above show only to them",
        ["GET /api/v1/api-logs"] = OwnApiCalls,
        ["GET /api/v1/api-logs/stats"] = OwnApiCalls,
        ["POST /api/v1/player/play"] = OwnPlayer,
        ["POST /api/v1/player/pause"] = OwnPlayer,
        ["POST /api/v1/player/next"] = OwnPlayer,
        ["POST /api/v1/player/previous"] = OwnPlayer,
        ["GET /api/v1/player/current"] =
            "exempt: stores nothing; asks Spotify with the caller's token, " +
            "through the same PlayerService call the commands' check covers",
        ["GET /api/v1/player/devices"] =
            "exempt: stores nothing; asks Spotify with the caller's token, " +
            "through the same PlayerService call the commands' check covers",
        ["GET /api/v1/player/queue"] =
            "exempt: stores nothing; asks Spotify with the caller's token, " +
            "through the same PlayerService call the commands' check covers",
    };

    [Fact]
    public void Every_api_route_has_a_check_that_users_never_see_each_others_data()
    {
        var routes = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Distinct()
            .ToList();
        var tests = typeof(AnalyticsApiTests).Assembly.GetTypes()
            .SelectMany(t =>
                t.GetMethods().Where(m => m.IsDefined(typeof(FactAttribute), inherit: true))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(routes.Count >= 30, $"only {routes.Count} routes found");
        Assert.All(routes,
            route => Assert.True(IsolationChecks.ContainsKey(route),
                $"{route} has no isolation check: add one to IsolationChecks"));
        Assert.Empty(IsolationChecks.Keys.Except(routes));
        Assert.All(IsolationChecks,
            check => Assert.True(check.Value.StartsWith("exempt: ", StringComparison.Ordinal)
                || tests.Contains(check.Value),
            $"{check.Key}: there is no test {check.Value}"));
    }

    /// <summary>
    /// A rebuild started by one user rebuilds their rollups from their plays alone, and leaves the other's as they
    /// were.
    /// </summary>
    [Fact]
    public async Task A_rollup_build_rebuilds_the_callers_rollups_only()
    {
        var demo = app.WithToken(app.DemoToken);
        var stranger = app.WithToken(app.StrangerToken);
        var strangerPlays = await ListeningOracle.LoadAsync(app.Factory, app.StrangerUserId);
        var demoBefore = await GetAsync(demo, "/api/v1/analytics/overview?period=all_time");

        var started = await stranger.PostAsync("/api/v1/analytics/rollup-build", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await GetAsync(stranger, "/api/v1/analytics/rollup-status");
        for (var attempt = 0; status.GetProperty("building").GetBoolean(); attempt++)
        {
            Assert.True(attempt < 600, "The rollup build did not end.");
            await Task.Delay(100, Ct);
            status = await GetAsync(stranger, "/api/v1/analytics/rollup-status");
        }

        var strangerAfter = await GetAsync(stranger, "/api/v1/analytics/overview?period=all_time");
        var demoAfter = await GetAsync(demo, "/api/v1/analytics/overview?period=all_time");
        Assert.True(status.GetProperty("complete").GetBoolean());
        Assert.Equal(strangerPlays.Counted.Count, strangerAfter.GetProperty("total_tracks_played").GetInt32());
        Assert.Equal(strangerPlays.Counted.Sum(p => (long)p.MsPlayed),
            strangerAfter.GetProperty("total_ms_played").GetInt64());
        string[] figures =
        [
            "total_tracks_played", "total_ms_played", "unique_tracks", "unique_artists", "unique_albums", "top_tracks",
            "top_artists", "top_albums",
        ];
        foreach (var figure in figures)
        {
            Assert.Equal(demoBefore.GetProperty(figure).ToString(), demoAfter.GetProperty(figure).ToString());
        }
        Assert.False((await GetAsync(demo, "/api/v1/analytics/rollup-status")).GetProperty("building").GetBoolean());
    }

    [Fact]
    public async Task The_two_listeners_have_different_plays_so_a_leak_would_show()
    {
        var demo = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);
        var stranger = await ListeningOracle.LoadAsync(app.Factory, app.StrangerUserId);

        Assert.True(demo.Counted.Count > 1000, $"demo: {demo.Counted.Count} counted plays");
        Assert.InRange(stranger.Counted.Count, 1, demo.Counted.Count - 1);
    }

    /// <summary>
    /// Every read endpoint, for each user, against a count of that user's own plays. An endpoint that mixed users
    /// (or answered the other's data) would not match, as the two users' plays differ.
    /// </summary>
    [Theory]
    [MemberData(nameof(Users))]
    public async Task Every_endpoint_answers_with_the_users_own_figures(string who)
    {
        var (client, userId) = As(who);
        var plays = await ListeningOracle.LoadAsync(app.Factory, userId);
        var other = await ListeningOracle.LoadAsync(app.Factory,
            userId == app.DemoUserId ? app.StrangerUserId : app.DemoUserId);
        var counted = plays.Counted;

        var overview = await GetAsync(client, "/api/v1/analytics/overview?period=all_time");
        Assert.Equal(counted.Count, overview.GetProperty("total_tracks_played").GetInt32());
        Assert.Equal(counted.Sum(p => (long)p.MsPlayed), overview.GetProperty("total_ms_played").GetInt64());
        Assert.Equal(plays.CountedTracks.Select(p => p.TrackId).Distinct().Count(),
            overview.GetProperty("unique_tracks").GetInt32());
        Assert.Equal(plays.CountedTracks.SelectMany(plays.Artists).Distinct().Count(),
            overview.GetProperty("unique_artists").GetInt32());
        Assert.Equal(plays.CountedTracks.SelectMany(plays.Album).Distinct().Count(),
            overview.GetProperty("unique_albums").GetInt32());
        Assert.Equal(counted.Select(p => p.LocalDay).Distinct().Count(),
            overview.GetProperty("listening_days").GetInt32());
        Assert.Equal(counted.Count,
            overview.GetProperty("hourly_distribution").EnumerateArray().Sum(h => h.GetProperty("plays").GetInt32()));

        var genreCounts = plays.CountedTracks
            .SelectMany(p =>
                plays.Artists(p).SelectMany(a => plays.ArtistGenres.GetValueOrDefault(a, []))
                .Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(g => g, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Count())
            .ToList();
        Assert.Equal(genreCounts.Count, overview.GetProperty("unique_genres").GetInt32());
        Assert.Equal(genreCounts.OrderDescending().Take(5),
            overview.GetProperty("top_genres").EnumerateArray().Select(g => g.GetProperty("play_count").GetInt32()));
        Assert.Equal(Enumerable.Range(1, Math.Min(5, genreCounts.Count)),
            overview.GetProperty("top_genres").EnumerateArray().Select(g => g.GetProperty("rank").GetInt32()));

        var trend = await GetAsync(client, "/api/v1/analytics/trend?period=all_time");
        Assert.Equal(counted.Count,
            trend.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("plays").GetInt32()));

        var status = await GetAsync(client, "/api/v1/analytics/rollup-status");
        Assert.Equal(plays.Plays.Select(p => p.LocalDay).Distinct().Count(),
            status.GetProperty("days_with_plays").GetInt32());
        Assert.Equal(plays.Plays.Max(p => p.LocalDay).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            status.GetProperty("last_date").GetString());
        Assert.True(status.GetProperty("complete").GetBoolean());

        foreach (var (path, ranked) in new[]
                 {
                     ("tracks/top", plays.Ranked(plays.Track)),
                     ("artists/top", plays.Ranked(plays.Artists)),
                     ("albums/top", plays.Ranked(plays.Album)),
                 })
        {
            var top = await GetAsync(client, $"/api/v1/{path}?period=all_time&limit=10");
            Assert.Equal(ranked.Count, top.GetProperty("total").GetInt32());
            Assert.Equal(ranked.Take(10),
                top.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("play_count").GetInt32())));
        }

        var genres = await GetAsync(client, "/api/v1/genres/distribution?period=all_time");
        Assert.Equal(plays.CountedTracks.Count, genres.GetProperty("total_plays").GetInt32());
        var expectedGenres = plays.CountedTracks
            .SelectMany(p =>
                plays.Artists(p).SelectMany(a => plays.ArtistGenres.GetValueOrDefault(a, []))
                .Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(g => g, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expectedGenres.OrderBy(g => g.Key, StringComparer.Ordinal),
            genres.GetProperty("genres").EnumerateArray()
            .Select(g =>
                new KeyValuePair<string, int>(g.GetProperty("name").GetString()!,
                    g.GetProperty("play_count").GetInt32()))
                .OrderBy(g => g.Key, StringComparer.Ordinal));

        var history = await GetAsync(client, "/api/v1/history?limit=100");
        Assert.Equal(plays.Plays.Count, history.GetProperty("total").GetInt32());
        Assert.Equal(plays.Plays.OrderByDescending(p => p.PlayedAt).ThenByDescending(p => p.Id).Take(100)
            .Select(p => p.Id.ToString(CultureInfo.InvariantCulture)),
            history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // The other listener's most played track, artist and album: this user's own plays of them, or 404 if none.
        foreach (var (path, item, mine) in new[]
                 {
                     ("tracks", other.Ranked(other.Track)[0].Id,
                         (Func<int, int>)(id => plays.CountedTracks.Count(p => p.TrackId == id))),
                     ("artists", other.Ranked(other.Artists)[0].Id,
                         id => plays.CountedTracks.Count(p => plays.Artists(p).Contains(id))),
                     ("albums", other.Ranked(other.Album)[0].Id,
                         id => plays.CountedTracks.Count(p => plays.Album(p).Contains(id))),
                 })
        {
            var response = await client.GetAsync($"/api/v1/{path}/{item}", Ct);
            var allMine = path switch
            {
                "tracks" => plays.Plays.Count(p => p.TrackId == item),
                "artists" => plays.Plays.Count(p => p.TrackId is not null && plays.Artists(p).Contains(item)),
                _ => plays.Plays.Count(p => p.TrackId is not null && plays.Album(p).Contains(item)),
            };
            if (allMine == 0)
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                continue;
            }
            var detail = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(mine(item), detail.GetProperty("play_count").GetInt32());
            Assert.Equal(allMine, detail.GetProperty("all_plays").GetInt32());
        }

        var chart = await GetAsync(client, "/api/v1/charts/weekly");
        var weekStart = DateOnly.Parse(chart.GetProperty("week_start").GetString()!, CultureInfo.InvariantCulture);
        var week = plays.CountedTracks.Where(p => p.LocalDay >= weekStart && p.LocalDay <= weekStart.AddDays(6));
        Assert.Equal(plays.Ranked(plays.Track, week).Take(20).Select(x => x.Plays),
            chart.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("play_count").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Details_of_the_users_top_items_count_their_plays(string who)
    {
        var (client, userId) = As(who);
        var plays = await ListeningOracle.LoadAsync(app.Factory, userId);
        var track = plays.Ranked(plays.Track)[0];
        var artist = plays.Ranked(plays.Artists)[0];
        var album = plays.Ranked(plays.Album)[0];

        var trackDetail = await GetAsync(client, $"/api/v1/tracks/{track.Id}");
        var artistDetail = await GetAsync(client, $"/api/v1/artists/{artist.Id}");
        var albumDetail = await GetAsync(client, $"/api/v1/albums/{album.Id}");

        Assert.Equal(track.Plays, trackDetail.GetProperty("play_count").GetInt32());
        Assert.Equal(plays.Plays.Count(p => p.TrackId == track.Id), trackDetail.GetProperty("all_plays").GetInt32());
        Assert.Equal("track", trackDetail.GetProperty("kind").GetString());
        Assert.Equal(artist.Plays, artistDetail.GetProperty("play_count").GetInt32());
        Assert.Equal(album.Plays, albumDetail.GetProperty("play_count").GetInt32());
        Assert.Equal(plays.Plays.Where(p => p.TrackId == track.Id).Max(p => p.PlayedAt),
            trackDetail.GetProperty("last_played_at").GetDateTime(), TimeSpan.FromSeconds(1));
    }

    /// <summary>List items carry Spotify's id beside the dashboard's integer <c>id</c>.</summary>
    [Fact]
    public async Task Listed_items_carry_their_spotify_id_beside_the_dashboards_id()
    {
        var client = app.WithToken(app.DemoToken);
        Dictionary<int, string?> tracks, artists, albums;
        await using (var db = await app.Factory.DbAsync())
        {
            tracks = await db.Tracks.ToDictionaryAsync(t => t.Id, t => t.SpotifyId, Ct);
            artists = await db.Artists.ToDictionaryAsync(a => a.Id, a => a.SpotifyId, Ct);
            albums = await db.Albums.ToDictionaryAsync(a => a.Id, a => a.SpotifyId, Ct);
        }
        var overview = await GetAsync(client, "/api/v1/analytics/overview");
        var history = await GetAsync(client, "/api/v1/history?limit=100");
        var chart = await GetAsync(client, "/api/v1/charts/weekly");

        var listed = new List<(JsonElement Item, Dictionary<int, string?> Catalogue)>();
        foreach (var (path, catalogue) in new[] { ("tracks", tracks), ("artists", artists), ("albums", albums) })
        {
            listed.AddRange((await GetAsync(client, $"/api/v1/{path}/top?limit=20")).GetProperty("items")
                .EnumerateArray().Select(i => (i, catalogue)));
        }
        listed.AddRange(overview.GetProperty("top_tracks").EnumerateArray().Select(i => (i, tracks)));
        listed.AddRange(overview.GetProperty("top_artists").EnumerateArray().Select(i => (i, artists)));
        listed.AddRange(overview.GetProperty("top_albums").EnumerateArray().Select(i => (i, albums)));
        listed.AddRange(chart.GetProperty("items").EnumerateArray().Select(i => (i, tracks)));
        listed.AddRange(history.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("track").ValueKind == JsonValueKind.Object)
            .Select(i => (i.GetProperty("track"), tracks)));

        Assert.True(listed.Count > 100, $"only {listed.Count} items listed");
        Assert.All(listed,
            x => Assert.Equal(x.Catalogue[x.Item.GetProperty("id").GetInt32()],
                x.Item.GetProperty("spotify_id").GetString()));
        Assert.Contains(listed, x => x.Item.GetProperty("spotify_id").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Periods_count_local_days_up_to_today()
    {
        var client = app.WithToken(app.DemoToken);
        var plays = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);
        var today = plays.Today;

        foreach (var (period, days) in new[] { ("week", 7), ("month", 30), ("year", 365) })
        {
            var overview = await GetAsync(client, $"/api/v1/analytics/overview?period={period}");
            var from = today.AddDays(1 - days);
            var inPeriod = plays.Counted.Where(p => p.LocalDay >= from && p.LocalDay <= today).ToList();
            var before = plays.Counted.Where(p => p.LocalDay >= from.AddDays(-days) && p.LocalDay < from).ToList();
            Assert.Equal(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                overview.GetProperty("from").GetString());
            Assert.Equal(inPeriod.Count, overview.GetProperty("total_tracks_played").GetInt32());
            Assert.Equal(before.Count, overview.GetProperty("previous").GetProperty("total_tracks_played").GetInt32());

            var top = await GetAsync(client, $"/api/v1/tracks/top?period={period}&limit=5");
            Assert.Equal(plays.Ranked(plays.Track, inPeriod.Where(p => p.TrackId is not null)).Take(5)
                .Select(x => x.Id),
                top.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        }

        var custom = await GetAsync(client,
            $"/api/v1/analytics/trend?period=custom&from={today.AddDays(-13):yyyy-MM-dd}&to={today:yyyy-MM-dd}" +
            "&granularity=day");
        Assert.Equal(14, custom.GetProperty("points").GetArrayLength());
        Assert.Equal("%Y-%m-%d", custom.GetProperty("granularity").GetString());
        foreach (var point in custom.GetProperty("points").EnumerateArray())
        {
            var day = DateOnly.Parse(point.GetProperty("label").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(plays.Counted.Count(p => p.LocalDay == day), point.GetProperty("plays").GetInt32());
        }
        var quarter = await GetAsync(client, "/api/v1/analytics/trend?period=quarter");
        Assert.Equal(("%G-W%V", "week"),
            (quarter.GetProperty("granularity").GetString(), quarter.GetProperty("bucket").GetString()));
        Assert.Matches(@"^\d{4}-W\d{2}$", quarter.GetProperty("points")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Trend_breakdowns_split_by_a_dimension_and_filter_by_its_values()
    {
        var client = app.WithToken(app.DemoToken);
        var plays = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);
        var byPlatform = plays.Counted.GroupBy(p => string.IsNullOrEmpty(p.Platform) ? "unknown" : p.Platform)
            .ToDictionary(g => g.Key, g => g.Count());

        var split = await GetAsync(client, "/api/v1/analytics/trend?period=all_time&breakdown_dimension=platform");
        Assert.Equal("platform", split.GetProperty("split_by").GetString());
        Assert.Equal(byPlatform.OrderBy(p => p.Key, StringComparer.Ordinal),
            split.GetProperty("breakdown").EnumerateArray()
            .Select(r =>
                new KeyValuePair<string, int>(r.GetProperty("value").GetString()!, r.GetProperty("plays").GetInt32()))
                .OrderBy(p => p.Key, StringComparer.Ordinal));

        var platform = byPlatform.MaxBy(p => p.Value).Key;
        var kept = await GetAsync(client,
            "/api/v1/analytics/trend?period=all_time&breakdown_dimension=platform" +
            $"&breakdown_filter_by_value={Uri.EscapeDataString(platform)}" +
            "&breakdown2_dimension=content_type&breakdown2_filter_by_value=null");
        Assert.Equal(byPlatform[platform],
            kept.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("plays").GetInt32()));
        Assert.Equal("content_type", kept.GetProperty("split_by").GetString());
        Assert.Equal(byPlatform[platform],
            kept.GetProperty("breakdown").EnumerateArray().Sum(r => r.GetProperty("plays").GetInt32()));
        Assert.Equal(platform, kept.GetProperty("breakdown_filter_by_value").GetString());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("breakdown2_filter_by_value").ValueKind);
    }

    [Fact]
    public async Task History_filters_by_artist_track_and_local_days()
    {
        var client = app.WithToken(app.DemoToken);
        var plays = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);
        var artist = plays.ArtistNames[plays.Ranked(plays.Artists)[0].Id];
        var track = plays.TrackNames[plays.Ranked(plays.Track)[0].Id];
        var day = plays.Plays.Max(p => p.LocalDay).AddDays(-3);

        var byArtist = await GetAsync(client,
            $"/api/v1/history?artist={Uri.EscapeDataString(artist.ToUpperInvariant())}&limit=5");
        var byTrack = await GetAsync(client, $"/api/v1/history?track={Uri.EscapeDataString(track)}&limit=5");
        var byDays = await GetAsync(client,
            $"/api/v1/history?start_date={day.AddDays(-6):yyyy-MM-dd}&end_date={day:yyyy-MM-dd}&page=2&limit=7");

        Assert.Equal(
            plays.Plays.Count(p => p.TrackId is not null
                && plays.Artists(p)
                    .Any(a => plays.ArtistNames[a].Contains(artist, StringComparison.OrdinalIgnoreCase))),
            byArtist.GetProperty("total").GetInt32());
        Assert.Equal(
            plays.Plays.Count(p => p.TrackId is { } id
                && plays.TrackNames[id].Contains(track, StringComparison.OrdinalIgnoreCase)),
            byTrack.GetProperty("total").GetInt32());
        Assert.All(byTrack.GetProperty("items").EnumerateArray(),
            i => Assert.Contains(track, i.GetProperty("track").GetProperty("name").GetString()!));
        var inDays = plays.Plays.Where(p => p.LocalDay >= day.AddDays(-6) && p.LocalDay <= day)
            .OrderByDescending(p => p.PlayedAt).ThenByDescending(p => p.Id).ToList();
        Assert.Equal(inDays.Count, byDays.GetProperty("total").GetInt32());
        Assert.Equal((2, 7, (inDays.Count + 6) / 7),
            (byDays.GetProperty("page").GetInt32(), byDays.GetProperty("limit").GetInt32(),
                byDays.GetProperty("pages").GetInt32()));
        Assert.Equal(inDays.Skip(7).Take(7).Select(p => p.Id.ToString(CultureInfo.InvariantCulture)),
            byDays.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task History_by_artist_id_keeps_that_artists_plays_not_every_name_containing_its_name()
    {
        var plays = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);
        // Preferably an artist whose name is part of another's, which a filter by name would add in.
        var ranked = plays.Ranked(plays.Artists);
        var artist = ranked.Select(r => r.Id).FirstOrDefault(id => plays.ArtistNames.Any(other => other.Key != id
            && other.Value.Contains(plays.ArtistNames[id], StringComparison.OrdinalIgnoreCase)), ranked[0].Id);
        var album = plays.Ranked(plays.Album)[0].Id;

        var byArtist = await GetAsync(app.WithToken(app.DemoToken), $"/api/v1/history?artist_id={artist}&limit=5");
        var byAlbum = await GetAsync(app.WithToken(app.DemoToken), $"/api/v1/history?album_id={album}&limit=5");
        var strangers = await GetAsync(app.WithToken(app.StrangerToken), $"/api/v1/history?artist_id={artist}");

        Assert.Equal(plays.Plays.Count(p => p.TrackId is not null && plays.Artists(p).Contains(artist)),
            byArtist.GetProperty("total").GetInt32());
        Assert.Equal(plays.Plays.Count(p => p.TrackId is not null && plays.Album(p).Contains(album)),
            byAlbum.GetProperty("total").GetInt32());
        Assert.All(byAlbum.GetProperty("items").EnumerateArray(),
            i => Assert.Equal(album, i.GetProperty("track").GetProperty("album_id").GetInt32()));
        // The demo listener's artist is not in the other listener's catalogue.
        Assert.Equal(0, strangers.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task History_keeps_the_plays_the_rule_counts_or_the_others()
    {
        var client = app.WithToken(app.DemoToken);
        var plays = await ListeningOracle.LoadAsync(app.Factory, app.DemoUserId);

        var counted = await GetAsync(client, "/api/v1/history?counted=yes&limit=100");
        var others = await GetAsync(client, "/api/v1/history?counted=no&limit=100");

        Assert.Equal(plays.Counted.Count, counted.GetProperty("total").GetInt32());
        Assert.Equal(plays.Plays.Count - plays.Counted.Count, others.GetProperty("total").GetInt32());
        Assert.All(counted.GetProperty("items").EnumerateArray(),
            i => Assert.True(i.GetProperty("counted").GetBoolean()));
        Assert.All(others.GetProperty("items").EnumerateArray(),
            i => Assert.False(i.GetProperty("counted").GetBoolean()));
    }

    [Fact]
    public async Task A_trend_says_which_weeks_the_period_cuts_and_how_many_of_their_days_it_holds()
    {
        // Wednesday 8 to Tuesday 28 January 2025: the weeks of Monday 6 and Monday 27 are cut.
        var trend = await GetAsync(app.WithToken(app.DemoToken),
            "/api/v1/analytics/trend?period=custom&from=2025-01-08&to=2025-01-28&granularity=week");

        Assert.Equal(
            [("2025-01-06", 5, true), ("2025-01-13", 7, false), ("2025-01-20", 7, false), ("2025-01-27", 2, true)],
            trend.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("start").GetString(),
                p.GetProperty("days").GetInt32(), p.GetProperty("partial").GetBoolean())));
    }

    [Fact]
    public async Task A_detail_of_an_item_the_user_never_played_is_404_naming_the_kind_not_found()
    {
        var client = app.WithToken(app.StrangerToken);

        var track = await client.GetAsync("/api/v1/tracks/999999", Ct);
        var artist = await client.GetAsync("/api/v1/artists/999999", Ct);
        var album = await client.GetAsync("/api/v1/albums/999999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, track.StatusCode);
        Assert.Equal("Track not found",
            (await track.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal("Artist not found",
            (await artist.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal("Album not found",
            (await album.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/analytics/overview?period=fortnight", "period")]
    [InlineData("/api/v1/analytics/overview?period=custom&from=2025-02-30&to=2025-03-01", "from")]
    [InlineData("/api/v1/analytics/overview?period=custom&from=2025-03-02&to=2025-03-01", "to")]
    [InlineData("/api/v1/analytics/trend?period=decade", "period")]
    [InlineData("/api/v1/analytics/trend?granularity=hour", "granularity")]
    [InlineData("/api/v1/analytics/trend?breakdown_dimension=mood", "breakdown_dimension")]
    [InlineData("/api/v1/analytics/trend?breakdown_filter_by_value=US", "breakdown_filter_by_value")]
    [InlineData("/api/v1/analytics/trend?breakdown_dimension=country&breakdown2_dimension=platform",
        "breakdown2_dimension")]
    [InlineData(
        "/api/v1/analytics/trend?breakdown_dimension=country&breakdown_filter_by_value=DE&breakdown2_dimension=country",
        "breakdown2_dimension")]
    [InlineData(
        "/api/v1/analytics/trend?breakdown_dimension=country&breakdown_filter_by_value=DE&breakdown2_filter_by_value=x",
        "breakdown2_filter_by_value")]
    [InlineData("/api/v1/tracks/top?limit=0", "limit")]
    [InlineData("/api/v1/tracks/top?limit=101", "limit")]
    [InlineData("/api/v1/artists/top?limit=many", "limit")]
    [InlineData("/api/v1/albums/top?period=always", "period")]
    [InlineData("/api/v1/genres/distribution?period=always", "period")]
    [InlineData("/api/v1/history?limit=0", "limit")]
    [InlineData("/api/v1/history?limit=101", "limit")]
    [InlineData("/api/v1/history?page=0", "page")]
    [InlineData("/api/v1/history?start_date=2025-13-01", "start_date")]
    [InlineData("/api/v1/history?end_date=yesterday", "end_date")]
    [InlineData("/api/v1/history?start_date=2025-03-02&end_date=2025-03-01", "end_date")]
    [InlineData("/api/v1/history?artist_id=0", "artist_id")]
    [InlineData("/api/v1/history?counted=maybe", "counted")]
    [InlineData("/api/v1/history?artist_id=horizon", "artist_id")]
    [InlineData("/api/v1/history?track_id=-3", "track_id")]
    [InlineData("/api/v1/history?album_id=1.5", "album_id")]
    [InlineData("/api/v1/history?show_id=1&show_id=2", "show_id")]
    [InlineData("/api/v1/tracks/abc", "id")]
    [InlineData("/api/v1/artists/-4", "id")]
    [InlineData("/api/v1/albums/1.5", "id")]
    [InlineData("/api/v1/charts/weekly?week=2025-02-30", "week")]
    [InlineData("/api/v1/charts/weekly?kind=albums", "kind")]
    [InlineData("/api/v1/charts/weekly?length=0", "length")]
    public async Task Bad_parameters_are_422_naming_the_parameter(string url, string parameter)
    {
        var response = await app.WithToken(app.DemoToken).GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail")
            .EnumerateArray());
        Assert.Equal(parameter, problem.GetProperty("loc")[1].GetString());
        Assert.Equal(parameter == "id" ? "path" : "query", problem.GetProperty("loc")[0].GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("msg").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Every_bad_parameter_is_reported_at_once()
    {
        var response = await app.WithToken(app.DemoToken)
            .GetAsync("/api/v1/history?page=0&limit=500&start_date=soon", Ct);

        var problems = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail")
            .EnumerateArray().ToList();
        Assert.Equal(["page", "limit", "start_date"], problems.Select(p => p.GetProperty("loc")[1].GetString()));
        Assert.Equal("ensure this value is less than or equal to 100", problems[1].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task The_cookie_session_reads_the_same_figures_as_the_token()
    {
        var byCookie = await GetAsync(app.DemoCookie, "/api/v1/tracks/top?period=year&limit=5");
        var byToken = await GetAsync(app.WithToken(app.DemoToken), "/api/v1/tracks/top?period=year&limit=5");

        Assert.Equal(byToken.GetProperty("items").ToString(), byCookie.GetProperty("items").ToString());
        Assert.Equal(5, byCookie.GetProperty("items").GetArrayLength());
    }
}
