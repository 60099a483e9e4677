using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Hostile;

/// <summary>
/// Bad parameters across the JSON API, each answered with the exact error body (or the exact bounded answer), with no
/// row changed and the app still serving. One app for the class: a listener with plays over two years on twelve
/// platforms, and plays an older version stored with impossible dates (year 1, year 9999, 2005).
/// </summary>
public sealed class HostileParameterTests(HostileParameterApp app) : IClassFixture<HostileParameterApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string OutOfRange = "value must be a day from 2006-01-01 to 2099-12-31";
    private const string OutOfRangeType = "value_error.date.out_of_range";
    private const string ControlCharacters = "value must not contain control characters";
    private const string ControlType = "value_error.any_str.control_characters";
    private const string Repeated = "value must be given once";
    private const string RepeatedType = "value_error.repeated";
    private const string BadId = "value is not a valid id (a positive whole number)";

    /// <summary>
    /// The request (<c>METHOD path</c>), its body (JSON, or a form after <c>form:</c>), and the exact answer.
    /// </summary>
    public static TheoryData<string, string?, int, string> BadParameters => new()
    {
        // Dates at and beyond both limits, year 1 and 9999.
        { "GET /api/v1/analytics/overview?period=custom&from=2005-12-31&to=2006-01-31", null, 422,
            Detail(Q("from", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/analytics/overview?period=custom&from=2099-12-01&to=2100-01-01", null, 422,
            Detail(Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/analytics/overview?period=custom&from=0001-01-01&to=0001-12-31", null, 422,
            Detail(Q("from", OutOfRange, OutOfRangeType), Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/tracks/top?period=custom&from=9999-12-01&to=9999-12-31", null, 422,
            Detail(Q("from", OutOfRange, OutOfRangeType), Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/analytics/trend?period=custom&from=0001-01-01&to=9999-12-31&granularity=day", null, 422,
            Detail(Q("from", OutOfRange, OutOfRangeType), Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/analytics/trend?period=custom&from=0001-01-01&to=9999-12-31&granularity=day" +
            "&breakdown_dimension=platform", null, 422,
            Detail(Q("from", OutOfRange, OutOfRangeType), Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/charts/weekly?week=0001-01-01", null, 422, Detail(Q("week", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/charts/weekly?week=9999-12-31", null, 422, Detail(Q("week", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/charts/weekly?week=2100-01-01", null, 422, Detail(Q("week", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/sync-jobs?to=9999-12-31", null, 422, Detail(Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/api-logs?to=9999-12-31", null, 422, Detail(Q("to", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/api-logs/stats?from=0001-01-01", null, 422, Detail(Q("from", OutOfRange, OutOfRangeType)) },
        { "GET /api/v1/history?start_date=2005-12-31&end_date=2100-01-01", null, 422,
            Detail(Q("start_date", OutOfRange, OutOfRangeType), Q("end_date", OutOfRange, OutOfRangeType)) },
        { "POST /api/v1/reports", """{"type":"daily_analytics","format":"zip","date":"0001-01-01"}""", 422,
            Detail(Body("date", "must be a day from 2006-01-01 to 2099-12-31", "value_error")) },
        { "POST /api/v1/reports",
            """{"type":"listening_history","format":"csv","period":"custom","from":"2005-12-31","to":"2006-01-31"}""",
            422,
            Detail(Body("from", "must be a day from 2006-01-01 to 2099-12-31", "value_error")) },
        // Reversed ranges and spans too long.
        { "GET /api/v1/genres/distribution?from=2020-02-01&to=2020-01-31", null, 422,
            Detail(Q("to", "value must not be before from", "value_error")) },
        { "GET /api/v1/artists/top?period=custom&from=2006-01-01&to=2031-01-01", null, 422,
            Detail(Q("to", "value must be within 25 years of from: 2030-12-31 at the latest",
                "value_error.date.range_too_long")) },
        // Granularity too fine for the range.
        { "GET /api/v1/analytics/trend?period=custom&from=2024-01-01&to=2025-01-01&granularity=day", null, 422,
            Detail(Q("granularity", "value day covers at most 366 days, and this range has 367: use week or month",
                "value_error.granularity.too_fine")) },
        { "GET /api/v1/analytics/trend?period=custom&from=2006-01-01&to=2016-01-02&granularity=week", null, 422,
            Detail(Q("granularity", "value week covers at most 3,653 days, and this range has 3,654: use month",
                "value_error.granularity.too_fine")) },
        // Huge and negative numbers.
        { "GET /api/v1/history?page=1000001", null, 422,
            Detail(Q("page", "ensure this value is less than or equal to 1000000", "value_error.number.not_le")) },
        { "GET /api/v1/history?page=99999999999999999999", null, 422,
            Detail(Q("page", "value is not a valid integer", "type_error.integer")) },
        { "GET /api/v1/tracks/top?limit=-5", null, 422,
            Detail(Q("limit", "ensure this value is greater than or equal to 1", "value_error.number.not_ge")) },
        { "GET /api/v1/sync-jobs?limit=2147483648", null, 422,
            Detail(Q("limit", "value is not a valid integer", "type_error.integer")) },
        { "GET /api/v1/api-logs?status_min=-1", null, 422,
            Detail(Q("status_min", "ensure this value is greater than or equal to 100", "value_error.number.not_ge")) },
        { "GET /api/v1/charts/weekly?length=101", null, 422,
            Detail(Q("length", "ensure this value is less than or equal to 100", "value_error.number.not_le")) },
        { "GET /api/v1/genres/distribution?limit=101", null, 422,
            Detail(Q("limit", "ensure this value is less than or equal to 100", "value_error.number.not_le")) },
        // Overlong text, control characters.
        { $"GET /api/v1/history?artist={new string('a', 201)}", null, 422,
            Detail(Q("artist", "ensure this value has at most 200 characters", "value_error.any_str.max_length")) },
        { $"GET /api/v1/api-logs?endpoint_contains={new string('/', 201)}", null, 422,
            Detail(Q("endpoint_contains", "ensure this value has at most 200 characters",
                "value_error.any_str.max_length")) },
        { "GET /api/v1/history?track=a%00b", null, 422, Detail(Q("track", ControlCharacters, ControlType)) },
        { "GET /api/v1/history?artist=%1B%5B31mred", null, 422, Detail(Q("artist", ControlCharacters, ControlType)) },
        { "GET /api/v1/analytics/trend?breakdown_dimension=country&breakdown_filter_by_value=D%0AE", null, 422,
            Detail(Q("breakdown_filter_by_value", ControlCharacters, ControlType)) },
        // Wrong enum names, unicode.
        { "GET /api/v1/analytics/overview?period=fortnight", null, 422,
            Detail(Q("period", "value must be one of week, month, quarter, year, all_time, custom",
                "type_error.enum")) },
        { "GET /api/v1/analytics/trend?granularity=hourly", null, 422,
            Detail(Q("granularity", "value is not one of: day, week, month", "type_error.enum")) },
        { "GET /api/v1/sync-jobs?status=runing", null, 422,
            Detail(Q("status", "value is not one of: pending, running, completed, failed, rescheduled",
                "type_error.enum")) },
        { "GET /api/v1/charts/weekly?kind=%F0%9F%8E%B5", null, 422,
            Detail(Q("kind", "value is not one of: tracks, artists", "type_error.enum")) },
        // Repeated parameters.
        { "GET /api/v1/tracks/top?limit=10&limit=20", null, 422, Detail(Q("limit", Repeated, RepeatedType)) },
        { "GET /api/v1/analytics/overview?period=week&period=month", null, 422,
            Detail(Q("period", Repeated, RepeatedType)) },
        { "GET /api/v1/history?start_date=2024-01-01&start_date=2024-02-01", null, 422,
            Detail(Q("start_date", Repeated, RepeatedType)) },
        // Bad ids.
        { "GET /api/v1/tracks/0", null, 422, Detail(Path("id", BadId)) },
        { "GET /api/v1/artists/99999999999", null, 422, Detail(Path("id", BadId)) },
        { "GET /api/v1/albums/%20", null, 422, Detail(Path("id", BadId)) },
        { "GET /api/v1/tracks/2147483647", null, 404, """{"detail":"Track not found"}""" },
        // Wrong methods and bodies.
        { "PUT /api/v1/reports", """{"type":"top_lists"}""", 405,
            """{"detail":"PUT is not allowed here: this address takes GET, HEAD, POST"}""" },
        { "DELETE /api/v1/analytics/overview", null, 405,
            """{"detail":"DELETE is not allowed here: this address takes GET, HEAD"}""" },
        { "POST /api/v1/reports", "form:type=top_lists&format=csv&period=week", 415,
            """{"detail":"Send the request as JSON (Content-Type: application/json)."}""" },
        { "POST /api/v1/reports", $$"""{"type":"top_lists","format":"csv","period":"{{new string('x', 17_000)}}"}""",
            413,
            """{"detail":"A report request is at most 16 KB of JSON."}""" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task A_bad_parameter_gets_the_exact_error_changes_nothing_and_the_app_still_serves(string request,
        string? body, int status, string expected)
    {
        var before = await app.SnapshotAsync();

        var response = await app.Client.SendAsync(HostileParameterApp.Request(request, body), Ct);

        Assert.Equal(expected, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(before, await app.SnapshotAsync());
        await app.AssertServingAsync();
    }

    [Fact]
    public async Task Dates_at_both_limits_and_the_longest_range_are_answered()
    {
        var before = await app.SnapshotAsync();

        var longest = await app.GetAsync("/api/v1/analytics/overview?period=custom&from=2006-01-01&to=2030-12-31");
        var last = await app.GetAsync("/api/v1/analytics/overview?period=custom&from=2099-12-01&to=2099-12-31");
        var firstWeek = await app.GetAsync("/api/v1/charts/weekly?week=2006-01-01");
        var history = await app.GetAsync("/api/v1/history?start_date=2006-01-01&end_date=2099-12-31&limit=1");

        Assert.Equal(("2006-01-01", "2030-12-31", 9_131, HostileParameterApp.Plays),
            (longest.GetProperty("from").GetString(), longest.GetProperty("to").GetString(),
                longest.GetProperty("plays_per_day_of_period").GetArrayLength(),
                longest.GetProperty("total_tracks_played").GetInt32()));
        Assert.Equal((31, 0),
            (last.GetProperty("plays_per_day_of_period").GetArrayLength(),
                last.GetProperty("total_tracks_played").GetInt32()));
        Assert.Equal(("2005-12-26", 0),
            (firstWeek.GetProperty("week_start").GetString(), firstWeek.GetProperty("items").GetArrayLength()));
        Assert.Equal(HostileParameterApp.Plays, history.GetProperty("total").GetInt32());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task A_trend_by_day_covers_at_most_366_days_and_all_time_by_day_says_how_long_it_is()
    {
        var before = await app.SnapshotAsync();
        var today = DateOnly.FromDateTime(app.Factory.Services.GetRequiredService<TimeProvider>()
            .GetUtcNow().UtcDateTime);

        var leapYear =
            await app.GetAsync("/api/v1/analytics/trend?period=custom&from=2024-01-01&to=2024-12-31&granularity=day");
        var allTime = await app.Client.GetAsync("/api/v1/analytics/trend?period=all_time&granularity=day", Ct);

        Assert.Equal(366, leapYear.GetProperty("points").GetArrayLength());
        Assert.Equal(HostileParameterApp.PlaysIn2024,
            leapYear.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("plays").GetInt32()));
        var days = (today.DayNumber - HostileParameterApp.FirstDay.DayNumber + 1)
            .ToString("N0", CultureInfo.InvariantCulture);
        Assert.Equal(
            Detail(Q("granularity", $"value day covers at most 366 days, and this range has {days}: use week or month",
                "value_error.granularity.too_fine")),
            await allTime.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, allTime.StatusCode);
        Assert.Equal(before, await app.SnapshotAsync());
    }

    /// <summary>
    /// Platform n has n plays: the series are platforms 12 down to 3, and platforms 1 and 2 are the rest.
    /// </summary>
    [Fact]
    public async Task A_breakdown_has_series_for_the_ten_values_with_the_most_plays_and_the_rest_is_the_difference()
    {
        var trend = await app.GetAsync("/api/v1/analytics/trend?period=all_time&breakdown_dimension=platform");

        var series = trend.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(n => $"platform-{n:00}"),
            series.Select(s => s.GetProperty("value").GetString()));
        Assert.Equal(Enumerable.Range(1, 12).Reverse(),
            trend.GetProperty("breakdown").EnumerateArray().Select(r => r.GetProperty("plays").GetInt32()));
        var total = trend.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("plays").GetInt32());
        Assert.Equal((HostileParameterApp.Plays, 1 + 2),
            (total, total - series.Sum(s =>
                s.GetProperty("points").EnumerateArray().Sum(p => p.GetProperty("plays").GetInt32()))));
    }

    /// <summary>
    /// The listener's plays from year 1, 9999 and 2005 are left out of every figure, and no page of theirs fails.
    /// </summary>
    [Fact]
    public async Task Plays_stored_with_impossible_dates_leave_every_read_answering_without_them()
    {
        var before = await app.SnapshotAsync();
        string playedBefore2006;
        var reads = new List<string>
        {
            "/api/v1/analytics/trend?period=all_time", "/api/v1/analytics/rollup-status", "/api/v1/genres/distribution",
            "/api/v1/tracks/top?period=all_time", "/api/v1/artists/top?period=year",
                "/api/v1/albums/top?period=all_time",
            "/api/v1/history?limit=100", "/api/v1/charts/weekly", "/api/v1/charts/weekly?kind=artists",
        };
        reads.AddRange(
            new[] { "week", "month", "quarter", "year",
                "all_time" }.Select(p => $"/api/v1/analytics/overview?period={p}"));
        await using (var db = await app.Factory.DbAsync())
        {
            var tracks = await db.Tracks.Where(t => t.Name.StartsWith("Hostile Track")).OrderBy(t => t.Name)
                .ToListAsync(Ct);
            reads.AddRange(tracks.Take(3)
                .SelectMany(t =>
                    new[] { $"/api/v1/tracks/{t.Id}", $"/api/v1/albums/{t.AlbumId}",
                        $"/api/v1/artists/{t.PrimaryArtistId}" }));
            playedBefore2006 = $"/api/v1/tracks/{tracks[3].Id}";
        }

        var answers = new Dictionary<string, JsonElement>();
        foreach (var read in reads)
        {
            answers[read] = await app.GetAsync(read);
        }

        var overview = answers["/api/v1/analytics/overview?period=all_time"];
        Assert.Equal(("2024-01-10", HostileParameterApp.Plays),
            (overview.GetProperty("from").GetString(), overview.GetProperty("total_tracks_played").GetInt32()));
        Assert.Equal(HostileParameterApp.Plays, answers["/api/v1/history?limit=100"].GetProperty("total").GetInt32());
        Assert.All(answers["/api/v1/history?limit=100"].GetProperty("items").EnumerateArray(),
            i => Assert.InRange(i.GetProperty("played_at").GetDateTime().Year, 2024, 2025));
        Assert.Equal(HostileParameterApp.Plays,
            answers["/api/v1/tracks/top?period=all_time"].GetProperty("items").EnumerateArray()
            .Sum(i => i.GetProperty("play_count").GetInt32()));
        Assert.Equal("2025-12-01", answers["/api/v1/charts/weekly"].GetProperty("week_start").GetString());
        Assert.Equal(HostileParameterApp.Plays, answers[reads[^1]].GetProperty("play_count").GetInt32());
        Assert.Equal([26, 26, 26],
            reads.Where(r => r.StartsWith("/api/v1/tracks/", StringComparison.Ordinal) && char.IsDigit(r[^1]))
            .Select(r => answers[r].GetProperty("play_count").GetInt32()));
        var unplayed = await app.Client.GetAsync(playedBefore2006, Ct);
        Assert.Equal((HttpStatusCode.NotFound, """{"detail":"Track not found"}"""),
            (unplayed.StatusCode, await unplayed.Content.ReadAsStringAsync(Ct)));
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task Unicode_text_and_the_deepest_page_are_answered_with_nothing_found()
    {
        var emoji = await app.GetAsync("/api/v1/history?track=%F0%9F%8E%B5&artist=%D7%A9%D7%9C%D7%95%D7%9D");
        var deepest = await app.GetAsync("/api/v1/history?page=1000000&limit=100");

        Assert.Equal((0, 0), (emoji.GetProperty("total").GetInt32(), emoji.GetProperty("items").GetArrayLength()));
        Assert.Equal((1_000_000, HostileParameterApp.Plays, 0),
            (deepest.GetProperty("page").GetInt32(), deepest.GetProperty("total").GetInt32(),
            deepest.GetProperty("items").GetArrayLength()));
    }

    private static string Detail(params string[] problems) => $$"""{"detail":[{{string.Join(",", problems)}}]}""";

    private static string Q(string name, string message, string type) => Problem("query", name, message, type);

    private static string Body(string name, string message, string type) => Problem("body", name, message, type);

    private static string Path(string name, string message) => Problem("path", name, message, "type_error.integer");

    private static string Problem(string where, string name, string message, string type) =>
        $$"""{"loc":["{{where}}","{{name}}"],"msg":"{{message}}","type":"{{type}}"}""";
}

/// <summary>
/// The app of <see cref="HostileParameterTests"/>: one listener, signed in with a personal token, whose plays are
/// stored straight into the database (no sync runs for them), with their rollups and weekly charts built once.
/// </summary>
public sealed class HostileParameterApp : IAsyncLifetime
{
    /// <summary>The first day of the listener's plays on accepted days: the start of all time.</summary>
    public static readonly DateOnly FirstDay = new(2024, 1, 10);

    /// <summary>Platform <c>n</c> (1-12) has <c>n</c> plays, each nine days after the one before.</summary>
    public const int Platforms = 12;

    /// <summary>The plays on accepted days: 1 + 2 + ... + 12, the last on 2025-12-03.</summary>
    public const int Plays = Platforms * (Platforms + 1) / 2;

    /// <summary>The plays of 2024: every ninth day from 2024-01-10 up to 2024-12-31.</summary>
    public const int PlaysIn2024 = 40;

    public DashboardFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string> { ["Sync:Interval"] = "1.00:00:00" },
    };

    public HttpClient Client { get; private set; } = default!;

    public int UserId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        UserId = await Factory.AddUserAsync("hostile-parameters");
        Client = Factory.CreateClient();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Factory.CreateTokenAsync(UserId));
        await using (var db = await Factory.DbAsync())
        {
            var artist = new Artist { UserId = UserId, Name = "Hostile Artist" };
            var tracks = Enumerable.Range(1, 4)
                .Select(n =>
                    new Track { UserId = UserId, Name = $"Hostile Track {n}", DurationMs = 240_000,
                        PrimaryArtist = artist,
                            Album = new Album { UserId = UserId, Name = $"Hostile Album {n}",
                                PrimaryArtist = artist } })
                .ToList();
            foreach (var track in tracks)
            {
                track.Artists.Add(new TrackArtist { Artist = artist, Position = 0 });
            }
            db.AddRange(tracks);
            await db.SaveChangesAsync();

            var day = 0;
            for (var platform = 1; platform <= Platforms; platform++)
            {
                for (var play = 0; play < platform; play++, day += 9)
                {
                    db.Plays.Add(
                        NewPlay(FirstDay.AddDays(day).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
                            tracks[day / 9 % 3].Id, $"platform-{platform:00}"));
                }
            }
            // As an older version stored them: the importer now skips such records.
            db.Plays.Add(
                NewPlay(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), tracks[0].Id, "platform-01"));
            db.Plays.Add(
                NewPlay(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc), tracks[0].Id, "platform-01"));
            // Track 4 was played on 2005-07-01 alone, before Spotify existed.
            db.Plays.Add(NewPlay(new DateTime(2005, 7, 1, 12, 0, 0, DateTimeKind.Utc), tracks[3].Id, "platform-02"));
            await db.SaveChangesAsync();
        }
        var rollups = Factory.Services.GetRequiredService<RollupService>();
        // The rebuild builds the weekly charts too, as every job that changes plays does; no case below changes a row.
        await rollups.RebuildAsync(UserId, CancellationToken.None);
    }

    private Play NewPlay(DateTime utc, int trackId, string platform)
    {
        var local = LocalTime.Of(utc, TimeZoneInfo.Utc);
        return new Play
        {
            UserId = UserId, PlayedAt = utc, MsPlayed = 200_000, TrackId = trackId, ContentType = ContentType.Music,
            Source = PlaySource.ExtendedHistory, Platform = platform, Country = "DE", ReasonEnd = "trackdone",
            LocalDate = local.Date, LocalHour = local.Hour, LocalWeekday = local.Weekday,
        };
    }

    /// <summary>A read that must answer 200, as JSON.</summary>
    public async Task<JsonElement> GetAsync(string url)
    {
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A request line (<c>GET /api/...</c>) with a JSON body, or a form body after <c>form:</c>.</summary>
    public static HttpRequestMessage Request(string line, string? body)
    {
        var (method, url) = (line[..line.IndexOf(' ')], line[(line.IndexOf(' ') + 1)..]);
        return new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body switch
            {
                null => null,
                _ when body.StartsWith("form:", StringComparison.Ordinal) =>
                    new StringContent(body[5..], Encoding.UTF8, "application/x-www-form-urlencoded"),
                _ => new StringContent(body, Encoding.UTF8, "application/json"),
            },
        };
    }

    /// <summary>
    /// How many rows every table a request could touch holds, and the plays' total time: equal before and after a
    /// refused request.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = await Factory.DbAsync();
        var counts = new (string Table, long Rows)[]
        {
            ("plays", await db.Plays.LongCountAsync()),
            ("plays.ms_played", await db.Plays.SumAsync(p => (long)p.MsPlayed)),
            ("daily_rollups", await db.DailyRollups.LongCountAsync()),
            ("dimension_rollups", await db.DimensionRollups.LongCountAsync()),
            ("hourly_rollups", await db.HourlyRollups.LongCountAsync()),
            ("item_totals", await db.ItemTotals.LongCountAsync()),
            ("item_breakdowns", await db.ItemBreakdowns.LongCountAsync()),
            ("weekly_charts", await db.WeeklyCharts.LongCountAsync()),
            ("listening_sessions", await db.ListeningSessions.LongCountAsync()),
            ("tracks", await db.Tracks.LongCountAsync()),
            ("artists", await db.Artists.LongCountAsync()),
            ("albums", await db.Albums.LongCountAsync()),
            ("users", await db.Users.LongCountAsync()),
            ("reports", await db.Reports.LongCountAsync()),
            ("imports", await db.Imports.LongCountAsync()),
            ("sync_runs", await db.SyncRuns.LongCountAsync()),
            ("api_calls", await db.ApiCalls.LongCountAsync()),
        };
        return string.Join(", ", counts.Select(c => $"{c.Table} {c.Rows.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>After a hostile request: the health check and a real read both still answer 200.</summary>
    public async Task AssertServingAsync()
    {
        var health = await Factory.CreateClient().GetAsync("/api/health", TestContext.Current.CancellationToken);
        var overview = await Client.GetAsync("/api/v1/analytics/overview?period=month",
            TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (health.StatusCode, overview.StatusCode));
        Assert.Equal(JsonValueKind.Object,
            (await overview.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).ValueKind);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
