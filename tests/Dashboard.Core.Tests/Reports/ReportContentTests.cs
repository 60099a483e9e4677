using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Core.Tests.Analytics;
using Dashboard.Core.Tests.Support;
using UglyToad.PdfPig;

namespace Dashboard.Core.Tests.Reports;

/// <summary>
/// Every report type made from the real sample and read back the way its user would (unzipped, parsed, read
/// as CSV by a CSV library, the PDF's text extracted), against figures counted by the oracle.
/// </summary>
public sealed class ReportContentTests(SampleScenarios scenarios) : IClassFixture<SampleScenarios>
{
    public static readonly TheoryData<string, PlayCountRule> Scenarios = new()
    {
        { "America/New_York", PlayCountRule.AtLeastHalf },
        { "Asia/Tokyo", PlayCountRule.AllPlays },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Daily_analytics_is_a_zip_of_one_json_with_a_record_per_item_played_that_day(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var day = s.Oracle.Plays.GroupBy(p => p.LocalDate).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (report, path) = await MakeAsync(s, new ReportRequest("daily_analytics", "zip", Date: dayText));

        using var zip = ZipFile.OpenRead(path);
        var entry = Assert.Single(zip.Entries);
        Assert.Equal($"analytics-report-{dayText}.json", entry.FullName);
        using var document = await JsonDocument.ParseAsync(entry.Open());
        var meta = document.RootElement.GetProperty("meta");
        var data = document.RootElement.GetProperty("data").EnumerateArray().ToList();

        var plays = s.Oracle.All(day, day).ToList();
        var items = plays.GroupBy(p => p.TrackUri ?? p.EpisodeUri!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(dayText, meta.GetProperty("date").GetString());
        Assert.Equal(zone, meta.GetProperty("time_zone").GetString());
        Assert.Equal(items.Count, meta.GetProperty("total_records").GetInt32());
        Assert.Equal(items.Count, data.Count);
        Assert.Equal(items.Count, report.TotalRecords);

        foreach (var record in data)
        {
            var uri = record.GetProperty("spotify_uri").GetString()!;
            var expected = items[uri];
            var totals = record.GetProperty("totals");
            Assert.Equal(expected.Count, totals.GetProperty("plays").GetInt32());
            Assert.Equal(expected.Count(p => p.Counted), totals.GetProperty("counted_plays").GetInt32());
            Assert.Equal(expected.Sum(p => (long)p.MsPlayed), totals.GetProperty("ms_played").GetInt64());
            Assert.Equal(expected.Count(p => p.IsSkip), totals.GetProperty("skips").GetInt32());
            Assert.Equal(expected[0].Name, record.GetProperty("name").GetString());
            Assert.Equal(expected.Min(p => p.PlayedAt), record.GetProperty("first_played_at").GetDateTimeOffset().UtcDateTime);
            Assert.Equal(expected.Max(p => p.PlayedAt), record.GetProperty("last_played_at").GetDateTimeOffset().UtcDateTime);
            Assert.Equal(
                expected.GroupBy(p => p.Country ?? "unknown").ToDictionary(g => g.Key, g => (g.Count(), g.Sum(p => (long)p.MsPlayed))),
                record.GetProperty("country_stats").EnumerateObject()
                    .ToDictionary(c => c.Name, c => (c.Value.GetProperty("plays").GetInt32(), c.Value.GetProperty("ms_played").GetInt64())));
            Assert.Equal(Counts(expected, p => p.ReasonEnd ?? "unknown"), Counts(record.GetProperty("reason_end")));
            Assert.Equal(Counts(expected, p => p.Platform ?? "unknown"), Counts(record.GetProperty("platform_stats")));
            Assert.Equal(Counts(expected, p => p.Shuffle switch { true => "on", false => "off", null => "unknown" }),
                Counts(record.GetProperty("shuffle")));
            Assert.Equal(Counts(expected, p => p.Offline switch { true => "offline", false => "online", null => "unknown" }),
                Counts(record.GetProperty("offline")));

            // Completion is known where the track's length is: the average share heard, capped at the whole track.
            var duration = record.GetProperty("duration_ms");
            var completion = record.GetProperty("totals").GetProperty("completion_rate");
            if (duration.ValueKind == JsonValueKind.Number)
            {
                var length = duration.GetInt32();
                Assert.Equal(Math.Round(expected.Average(p => Math.Min(1.0, p.MsPlayed / (double)length)) * 100, 1), completion.GetDouble());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, completion.ValueKind);
            }
        }
        // Busiest items first.
        Assert.Equal(data.Select(r => r.GetProperty("totals").GetProperty("plays").GetInt32()).OrderDescending(),
            data.Select(r => r.GetProperty("totals").GetProperty("plays").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Listening_history_csv_holds_every_play_of_the_range_in_order(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-60), s.Today.AddDays(-30));

        var (report, path) = await MakeAsync(s, new ReportRequest("listening_history", "csv", From: Day(from), To: Day(to)));

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = CsvRows(path);

        var expected = s.Oracle.All(from, to).OrderBy(p => p.PlayedAt).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected.Count, report.TotalRecords);
        Assert.Equal($"listening-history-{Day(from)}_{Day(to)}.csv", report.FileName);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var play = expected[i];
            var local = DateTimeOffset.Parse(row["played_at"], CultureInfo.InvariantCulture);
            Assert.Equal(play.PlayedAt, local.UtcDateTime);
            Assert.Equal(s.Oracle.Zone.GetUtcOffset(play.PlayedAt), local.Offset);
            Assert.Equal(play.PlayedAt, DateTimeOffset.Parse(row["played_at_utc"], CultureInfo.InvariantCulture).UtcDateTime);
            Assert.Equal(play.MsPlayed, int.Parse(row["ms_played"], CultureInfo.InvariantCulture));
            Assert.Equal(play.Counted, bool.Parse(row["counted"]));
            Assert.Equal(play.Name, row["name"]);
            Assert.Equal(play.TrackUri ?? play.EpisodeUri, row["spotify_uri"]);
            Assert.Equal(play.Country ?? "", row["country"]);
            Assert.Equal(play.ReasonEnd ?? "", row["reason_end"]);
        }
    }

    [Fact]
    public async Task Listening_history_json_has_meta_and_the_same_plays()
    {
        var s = await scenarios.GetAsync("Asia/Tokyo", PlayCountRule.AllPlays);
        var (from, to) = (s.Today.AddDays(-20), s.Today);

        var (report, path) = await MakeAsync(s, new ReportRequest("listening_history", "json", Period: "custom", From: Day(from), To: Day(to)));

        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file);
        var expected = s.Oracle.All(from, to).OrderBy(p => p.PlayedAt).ToList();
        var meta = document.RootElement.GetProperty("meta");
        Assert.Equal(expected.Count, meta.GetProperty("total_records").GetInt32());
        Assert.Equal(Day(from), meta.GetProperty("from").GetString());
        Assert.Equal(Day(to), meta.GetProperty("to").GetString());
        var data = document.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expected.Select(p => (p.PlayedAt, p.MsPlayed, p.Name)),
            data.Select(r => (r.GetProperty("played_at_utc").GetDateTime().ToUniversalTime(), r.GetProperty("ms_played").GetInt32(), r.GetProperty("name").GetString()!)));
        Assert.Equal(expected.Count, report.TotalRecords);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Top_lists_rank_tracks_artists_and_albums_as_counted_from_the_plays(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-89), s.Today);

        var (_, path) = await MakeAsync(s, new ReportRequest("top_lists", "csv", Period: "quarter", Limit: 25));

        var rows = CsvRows(path);
        var counted = s.Oracle.Counted(from, to).ToList();
        var trackNames = s.Oracle.Plays.Where(p => p.TrackUri is not null).GroupBy(p => p.TrackUri!).ToDictionary(g => g.Key, g => g.First().Name);

        Assert.Equal(
            ListeningOracle.Rank(counted, p => p.TrackUri, s.TrackIds).Take(25).Select(x => (trackNames[x.Key], x.Plays, x.Ms)),
            List(rows, "tracks"));
        Assert.Equal(
            ListeningOracle.Rank(counted, p => p.Artist, s.ArtistIds).Take(25).Select(x => (x.Key, x.Plays, x.Ms)),
            List(rows, "artists"));
        Assert.Equal(
            ListeningOracle.Rank(counted, p => p.AlbumKey, s.AlbumIds).Take(25).Select(x => (x.Key.Split('\u0001')[1], x.Plays, x.Ms)),
            List(rows, "albums"));
        Assert.All(rows, row => Assert.Equal(row["rank"], (rows.Where(r => r["list"] == row["list"]).ToList().IndexOf(row) + 1).ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Top_lists_json_groups_the_lists_and_says_how_each_item_moved()
    {
        var s = await scenarios.GetAsync("America/New_York", PlayCountRule.AtLeastHalf);

        var (report, path) = await MakeAsync(s, new ReportRequest("top_lists", "json", Period: "month", Limit: 10));

        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file);
        var data = document.RootElement.GetProperty("data");
        var tracks = data.GetProperty("tracks").EnumerateArray().ToList();
        Assert.InRange(tracks.Count, 1, 10);
        Assert.All(tracks, t => Assert.Contains(t.GetProperty("movement").GetString(), new[] { "up", "down", "same", "new", "re_entry" }));
        Assert.All(tracks.Where(t => t.GetProperty("movement").GetString() is "up" or "down" or "same"),
            t => Assert.Equal(JsonValueKind.Number, t.GetProperty("previous_rank").ValueKind));
        var total = data.EnumerateObject().Sum(list => list.Value.GetArrayLength());
        Assert.Equal(total, document.RootElement.GetProperty("meta").GetProperty("total_records").GetInt32());
        Assert.Equal(total, report.TotalRecords);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Period_summary_pdf_states_the_periods_figures(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-89), s.Today);

        var (report, path) = await MakeAsync(s, new ReportRequest("period_summary", "pdf", Period: "quarter"));

        using var pdf = PdfDocument.Open(path);
        Assert.Equal(2, pdf.NumberOfPages);
        var first = Text(pdf.GetPage(1));
        var second = Text(pdf.GetPage(2));
        var counted = s.Oracle.Counted(from, to).ToList();
        Assert.Contains(Squash("Listening summary"), first);
        Assert.Contains(Squash(Figures.Range(new DayRange(from, to))), first);
        var page = pdf.GetPage(1);
        Assert.Equal(Figures.Count(counted.Count), Beneath(page, "PLAYS"));
        Assert.Equal(Figures.Duration(counted.Sum(p => (long)p.MsPlayed)), Beneath(page, "LISTENING"));
        Assert.Equal($"{Figures.Count(counted.Select(p => p.LocalDate).Distinct().Count())} of 90", Beneath(page, "DAYS"));
        Assert.Equal(Figures.Count(counted.Where(p => p.Artist is not null).Select(p => p.Artist).Distinct().Count()), Beneath(page, "ARTISTS"));
        Assert.Equal(Figures.Count(counted.Where(p => p.TrackUri is not null).Select(p => p.TrackUri).Distinct().Count()), Beneath(page, "TRACKS"));

        var busiest = counted.GroupBy(p => (p.LocalWeekday, p.LocalHour)).OrderByDescending(g => g.Count()).First();
        Assert.Contains(Squash($"Busiest hour: {Figures.Weekday(busiest.Key.LocalWeekday)} {Figures.Hour(busiest.Key.LocalHour)}, {busiest.Count()} plays"), first);

        var topTrack = ListeningOracle.Rank(counted, p => p.TrackUri, s.TrackIds)[0];
        var topTrackName = counted.First(p => p.TrackUri == topTrack.Key).Name;
        Assert.Contains(Squash($"1{topTrackName}"), second.Replace("…", ""));
        var topArtist = ListeningOracle.Rank(counted, p => p.Artist, s.ArtistIds)[0];
        Assert.Contains(Squash(topArtist.Key), second);
        Assert.Equal(counted.Count, report.TotalRecords);
    }

    /// <summary>The rows of a CSV file as header → value, read by .NET's own RFC 4180 parser.</summary>
    private static List<Dictionary<string, string>> CsvRows(string path)
    {
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(path, System.Text.Encoding.UTF8)
        {
            TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            Assert.Equal(header.Length, fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(x => x.First, x => x.Second));
        }
        return rows;
    }

    private static Dictionary<string, int> Counts(IEnumerable<OraclePlay> plays, Func<OraclePlay, string> key) =>
        plays.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> Counts(JsonElement counts) =>
        counts.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());

    private static IEnumerable<(string, int, long)> List(List<Dictionary<string, string>> rows, string list) =>
        rows.Where(r => r["list"] == list)
            .Select(r => (r["name"], int.Parse(r["plays"], CultureInfo.InvariantCulture), long.Parse(r["ms_played"], CultureInfo.InvariantCulture)));

    /// <summary>A page's words joined without spaces, so a test matches text regardless of how the PDF spaced it.</summary>
    private static string Text(UglyToad.PdfPig.Content.Page page) => string.Concat(page.GetWords().Select(w => w.Text));

    /// <summary>The line of text just beneath a label, in the label's column: a tile's figure.</summary>
    private static string Beneath(UglyToad.PdfPig.Content.Page page, string label)
    {
        var words = page.GetWords().ToList();
        var anchor = words.First(w => w.Text == label).BoundingBox;
        var column = words.Where(w => w.BoundingBox.Left >= anchor.Left - 1 && w.BoundingBox.Left < anchor.Left + 150 && w.BoundingBox.Top < anchor.Bottom).ToList();
        var line = column.Max(w => w.BoundingBox.Top);
        return string.Join(' ', column.Where(w => Math.Abs(w.BoundingBox.Top - line) < 2).OrderBy(w => w.BoundingBox.Left).Select(w => w.Text));
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static async Task<(Report Report, string Path)> MakeAsync(Scenario s, ReportRequest request)
    {
        var service = s.Host.Get<ReportService>();
        var outcome = await service.RequestAsync(s.UserId, request, CancellationToken.None);
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(outcome);
        await service.RunAsync(accepted.Report.Id, CancellationToken.None);
        var report = (await service.GetAsync(s.UserId, accepted.Report.Id, CancellationToken.None))!;
        Assert.True(report.Status == ReportStatus.Completed, report.Error);
        var file = (await service.FileAsync(s.UserId, report.Id, CancellationToken.None))!;
        Assert.Equal(new FileInfo(file.Path).Length, report.FileSizeBytes);
        return (report, file.Path);
    }
}
