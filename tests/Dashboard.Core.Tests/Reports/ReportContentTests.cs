using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Analytics;
using Dashboard.Core.Formatting;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Dashboard.Core.Tests.Analytics;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Dashboard.Core.Tests.Reports;

/// <summary>
/// Every report type made from the real sample and read back the way its user would (unzipped, parsed, read
/// as CSV by a CSV library, the PDF's text extracted), against figures counted by the oracle.
/// </summary>
[RunsLong]
public sealed class ReportContentTests(SampleScenarios scenarios) : IClassFixture<SampleScenarios>
{
    public static readonly TheoryData<string, PlayCountRule> Scenarios = new()
    {
        { "America/New_York", PlayCountRule.AtLeastHalf },
        { "Asia/Tokyo", PlayCountRule.AllPlays },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Daily_analytics_is_a_zip_of_one_json_with_a_record_per_item_played_that_day(string zone,
        PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var day = s.Oracle.Plays.GroupBy(p => p.LocalDate).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .First().Key;
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The export has no ISRCs: as a Spotify look-up would, give every other track of the day one.
        var isrcs = s.Oracle.All(day, day).Where(p => p.TrackUri is not null).Select(p => p.TrackUri!).Distinct()
            .Order(StringComparer.Ordinal)
            .Where((_, index) => index % 2 == 0)
            .ToDictionary(uri => uri, uri => $"QZDA{s.TrackIds[uri]:D8}");
        await using (var db = await s.Host.DbAsync())
        {
            foreach (var (uri, isrc) in isrcs)
            {
                await db.Tracks.Where(t => t.Id == s.TrackIds[uri])
                    .ExecuteUpdateAsync(t => t.SetProperty(x => x.Isrc, isrc));
            }
        }

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
        var user = meta.GetProperty("user");
        Assert.Equal(s.UserId, user.GetProperty("id").GetInt32());
        Assert.Equal("listener", user.GetProperty("spotify_id").GetString());
        Assert.Equal("listener", user.GetProperty("display_name").GetString());
        Assert.Equal(s.Host.Clock.GetUtcNow(), meta.GetProperty("generated_at").GetDateTimeOffset());
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
            Assert.Equal(expected.Min(p => p.PlayedAt),
                record.GetProperty("first_played_at").GetDateTimeOffset().UtcDateTime);
            Assert.Equal(expected.Max(p => p.PlayedAt),
                record.GetProperty("last_played_at").GetDateTimeOffset().UtcDateTime);
            Assert.Equal(
                expected.GroupBy(p => p.Country ?? "unknown")
                .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(p => (long)p.MsPlayed))),
                record.GetProperty("country_stats").EnumerateObject()
                    .ToDictionary(c => c.Name,
                        c => (c.Value.GetProperty("plays").GetInt32(), c.Value.GetProperty("ms_played").GetInt64())));
            Assert.Equal(Counts(expected, p => p.ReasonStart ?? "unknown"), Counts(record.GetProperty("reason_start")));
            Assert.Equal(Counts(expected, p => p.ReasonEnd ?? "unknown"), Counts(record.GetProperty("reason_end")));
            Assert.Equal(Counts(expected, p => p.Incognito switch { true => "on", false => "off", null => "unknown" }),
                Counts(record.GetProperty("incognito")));
            // Every play of the sample came from its extended streaming history.
            Assert.Equal(new Dictionary<string, int> { ["extended_history"] = expected.Count },
                Counts(record.GetProperty("sources")));
            Assert.Equal(isrcs.GetValueOrDefault(uri), record.GetProperty("isrc").GetString());
            Assert.Equal(Counts(expected, p => p.Platform ?? "unknown"), Counts(record.GetProperty("platform_stats")));
            Assert.Equal(Counts(expected, p => p.Shuffle switch { true => "on", false => "off", null => "unknown" }),
                Counts(record.GetProperty("shuffle")));
            Assert.Equal(
                Counts(expected, p => p.Offline switch { true => "offline", false => "online", null => "unknown" }),
                Counts(record.GetProperty("offline")));

            // Completion is known where the track's length is: the average share heard, capped at the whole track.
            var duration = record.GetProperty("duration_ms");
            var completion = record.GetProperty("totals").GetProperty("completion_rate");
            if (duration.ValueKind == JsonValueKind.Number)
            {
                var length = duration.GetInt32();
                Assert.Equal(Math.Round(expected.Average(p => Math.Min(1.0, p.MsPlayed / (double)length)) * 100, 1),
                    completion.GetDouble());
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

        var (report, path) = await MakeAsync(s,
            new ReportRequest("listening_history", "csv", From: Day(from), To: Day(to)));

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
            Assert.Equal(play.PlayedAt,
                DateTimeOffset.Parse(row["played_at_utc"], CultureInfo.InvariantCulture).UtcDateTime);
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

        var (report, path) = await MakeAsync(s,
            new ReportRequest("listening_history", "json", Period: "custom", From: Day(from), To: Day(to)));

        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file);
        var expected = s.Oracle.All(from, to).OrderBy(p => p.PlayedAt).ToList();
        var meta = document.RootElement.GetProperty("meta");
        Assert.Equal(expected.Count, meta.GetProperty("total_records").GetInt32());
        Assert.Equal(Day(from), meta.GetProperty("from").GetString());
        Assert.Equal(Day(to), meta.GetProperty("to").GetString());
        var data = document.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expected.Select(p => (p.PlayedAt, p.MsPlayed, p.Name)),
            data.Select(r =>
            (r.GetProperty("played_at_utc").GetDateTime().ToUniversalTime(), r.GetProperty("ms_played").GetInt32(),
                r.GetProperty("name").GetString()!)));
        Assert.Equal(expected.Count, report.TotalRecords);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Top_lists_rank_tracks_artists_and_albums_as_counted_from_the_plays(string zone,
        PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-89), s.Today);

        var (_, path) = await MakeAsync(s, new ReportRequest("top_lists", "csv", Period: "quarter", Limit: 25));

        var rows = CsvRows(path);
        var trackNames = TrackNames(s);

        Assert.Equal(
            Ranked(s, from, to, p => p.TrackUri, s.TrackIds).Take(25).Select(x => (trackNames[x.Key], x.Plays, x.Ms)),
            List(rows, "tracks"));
        Assert.Equal(
            Ranked(s, from, to, p => p.Artist, s.ArtistIds).Take(25).Select(x => (x.Key, x.Plays, x.Ms)),
            List(rows, "artists"));
        Assert.Equal(
            Ranked(s, from, to, p => p.AlbumKey, s.AlbumIds).Take(25)
            .Select(x => (x.Key.Split('\u0001')[1], x.Plays, x.Ms)),
            List(rows, "albums"));
        // How each moved against the 90 days before, as counted from the plays of both periods.
        Assert.Equal(Ranked(s, from, to, p => p.TrackUri, s.TrackIds).Take(25)
            .Select(x => (x.Movement, x.PreviousRank?.ToString(CultureInfo.InvariantCulture) ?? "")),
            rows.Where(r => r["list"] == "tracks").Select(r => (r["movement"], r["previous_rank"])));
        Assert.Equal(Ranked(s, from, to, p => p.Artist, s.ArtistIds).Take(25)
            .Select(x => (x.Movement, x.PreviousRank?.ToString(CultureInfo.InvariantCulture) ?? "")),
            rows.Where(r => r["list"] == "artists").Select(r => (r["movement"], r["previous_rank"])));
        Assert.Equal(Ranked(s, from, to, p => p.AlbumKey, s.AlbumIds).Take(25)
            .Select(x => (x.Movement, x.PreviousRank?.ToString(CultureInfo.InvariantCulture) ?? "")),
            rows.Where(r => r["list"] == "albums").Select(r => (r["movement"], r["previous_rank"])));
        Assert.Contains(rows, r => r["previous_rank"] != "");
        Assert.All(rows,
            row => Assert.Equal(row["rank"],
                (rows.Where(r => r["list"] == row["list"]).ToList().IndexOf(row) + 1)
                    .ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Top_lists_json_groups_the_lists_and_says_how_each_item_moved()
    {
        var s = await scenarios.GetAsync("America/New_York", PlayCountRule.AtLeastHalf);

        var (report, path) = await MakeAsync(s, new ReportRequest("top_lists", "json", Period: "month", Limit: 10));

        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file);
        var data = document.RootElement.GetProperty("data");
        var (from, to) = (s.Today.AddDays(-29), s.Today);
        var trackNames = TrackNames(s);
        Assert.Equal(Ranked(s, from, to, p => p.TrackUri, s.TrackIds).Take(10)
            .Select(x => (trackNames[x.Key], x.Plays, x.Movement, x.PreviousRank)),
            Entries(data, "tracks"));
        Assert.Equal(Ranked(s, from, to, p => p.Artist, s.ArtistIds).Take(10)
            .Select(x => (x.Key, x.Plays, x.Movement, x.PreviousRank)),
            Entries(data, "artists"));
        Assert.Equal(Ranked(s, from, to, p => p.AlbumKey, s.AlbumIds).Take(10)
            .Select(x => (x.Key.Split('\u0001')[1], x.Plays, x.Movement, x.PreviousRank)),
            Entries(data, "albums"));
        // The month holds items that moved against the month before, not only new ones.
        Assert.Contains(Entries(data, "tracks").Concat(Entries(data, "artists")), e => e.PreviousRank is not null);
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
        Assert.Equal($"{Figures.Count(counted.Select(p => p.LocalDate).Distinct().Count())} of 90",
            Beneath(page, "DAYS"));
        Assert.Equal(Figures.Count(counted.Where(p => p.Artist is not null).Select(p => p.Artist).Distinct().Count()),
            Beneath(page, "ARTISTS"));
        Assert.Equal(
            Figures.Count(counted.Where(p => p.TrackUri is not null).Select(p => p.TrackUri).Distinct().Count()),
            Beneath(page, "TRACKS"));
        Assert.Equal(
            Figures.Count(counted.Where(p => p.AlbumKey is not null).Select(p => p.AlbumKey).Distinct().Count()),
            Beneath(page, "ALBUMS"));

        // Each tile: label, figure, and its change against the 90 days before, as the tile words it.
        var before = s.Oracle.Counted(from.AddDays(-90), from.AddDays(-1)).ToList();
        Assert.NotEmpty(before);
        var tiles = string.Concat(new[] { 40, 216, 392 }.Select(left => ColumnText(page, left, left + 160)));
        void Tile(string label, string figure, Func<List<OraclePlay>, double> measure) =>
            Assert.Contains(Squash($"{label}{figure}{ChangeText(measure(counted), measure(before))}"), tiles);
        Tile("PLAYS", Figures.Count(counted.Count), plays => plays.Count);
        Tile("LISTENING TIME", Figures.Duration(counted.Sum(p => (long)p.MsPlayed)),
            plays => plays.Sum(p => (long)p.MsPlayed));
        Tile("DAYS LISTENED", $"{Figures.Count(counted.Select(p => p.LocalDate).Distinct().Count())} of 90",
            plays => plays.Select(p => p.LocalDate).Distinct().Count());
        Tile("TRACKS",
            Figures.Count(counted.Where(p => p.TrackUri is not null).Select(p => p.TrackUri).Distinct().Count()),
            plays => plays.Where(p => p.TrackUri is not null).Select(p => p.TrackUri).Distinct().Count());
        Tile("ARTISTS",
            Figures.Count(counted.Where(p => p.Artist is not null).Select(p => p.Artist).Distinct().Count()),
            plays => plays.Where(p => p.Artist is not null).Select(p => p.Artist).Distinct().Count());
        Tile("ALBUMS",
            Figures.Count(counted.Where(p => p.AlbumKey is not null).Select(p => p.AlbumKey).Distinct().Count()),
            plays => plays.Where(p => p.AlbumKey is not null).Select(p => p.AlbumKey).Distinct().Count());

        var busiest = counted.GroupBy(p => (p.LocalWeekday, p.LocalHour)).OrderByDescending(g => g.Count()).First();
        Assert.Contains(
            Squash($"Busiest hour: " +
            $"{Figures.Weekday(busiest.Key.LocalWeekday)} {Figures.Hour(busiest.Key.LocalHour)}, " +
            $"{busiest.Count()} plays"), first);

        // The first three of each top 10: rank, name (cut with an ellipsis where the column is too narrow), the
        // track's artist, plays and time.
        var tracks = ListeningOracle.Rank(counted, p => p.TrackUri, s.TrackIds);
        var artists = ListeningOracle.Rank(counted, p => p.Artist, s.ArtistIds);
        var albums = ListeningOracle.Rank(counted, p => p.AlbumKey, s.AlbumIds);
        var secondPage = pdf.GetPage(2);
        var (leftHalf, rightHalf) = (ColumnText(secondPage, 0, 297), ColumnText(secondPage, 297, 600));
        for (var i = 0; i < 3; i++)
        {
            var track = counted.First(p => p.TrackUri == tracks[i].Key);
            AssertRow(second, $"{i + 1}", track.Name, track.Artist!, Figures.Count(tracks[i].Plays),
                Figures.Duration(tracks[i].Ms));
            AssertRow(leftHalf, $"{i + 1}", artists[i].Key, Figures.Count(artists[i].Plays),
                Figures.Duration(artists[i].Ms));
            AssertRow(rightHalf, $"{i + 1}", albums[i].Key.Split('\u0001')[1], Figures.Count(albums[i].Plays),
                Figures.Duration(albums[i].Ms));
        }

        // The longest session of the range (sessions split by ten quiet minutes, over every play), on the listener's
        // clock.
        var longest = Sessions(s.Oracle.Plays)
            .Where(x =>
                new DayRange(from, to)
                .Contains(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(x.Start, s.Oracle.Zone))))
            .OrderByDescending(x => x.End - x.Start).ThenBy(x => x.Start).First();
        AssertRow(ColumnText(secondPage, 0, 340),
            TimeZoneInfo.ConvertTimeFromUtc(longest.Start, s.Oracle.Zone)
            .ToString("ddd d MMM yyyy, HH:mm", Figures.Culture),
            Figures.Span(longest.End - longest.Start), Figures.Count(longest.Plays), Figures.Count(longest.Skips));

        // Streaks: the longest run of days with counted plays within the range (the first, if two are as long), and the
        // run that reaches today or yesterday, however long ago it began.
        var days = s.Oracle.Plays.Where(p => p.Counted).Select(p => p.LocalDate).ToHashSet();
        var (longestRun, longestRange, run) = (0, (DayRange?)null, 0);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            run = days.Contains(day) ? run + 1 : 0;
            if (run > longestRun)
            {
                (longestRun, longestRange) = (run, new DayRange(day.AddDays(1 - run), day));
            }
        }
        Assert.True(longestRun > 1);
        var facts = ColumnText(secondPage, 340, 600);
        Assert.Contains(Squash($"LONGEST STREAK{Figures.Days(longestRun)}{Figures.Range(longestRange!.Value)}"), facts);
        var current = 0;
        for (var day = days.Contains(s.Today) ? s.Today
            : s.Today.AddDays(-1); days.Contains(day); day = day.AddDays(-1))
        {
            current++;
        }
        Assert.Contains(Squash($"CURRENT STREAK{Figures.Days(current)}"), facts);
        Assert.Equal(counted.Count, report.TotalRecords);
    }

    /// <summary>
    /// A top list counted from the plays: each item's rank, its rank among the plays of the period of equal length
    /// just before, and its movement (<c>new</c> when first played within the period, <c>re_entry</c> otherwise).
    /// </summary>
    private static List<(string Key, int Plays, long Ms, string Movement, int? PreviousRank)> Ranked(Scenario s,
        DateOnly from, DateOnly to,
        Func<OraclePlay, string?> key, IReadOnlyDictionary<string, int> ids)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var previous = ListeningOracle.Rank(s.Oracle.Counted(from.AddDays(-days), from.AddDays(-1)), key, ids)
            .Select((x, index) => (x.Key, Rank: index + 1)).ToDictionary(x => x.Key, x => x.Rank);
        var firstPlayed = s.Oracle.Plays.Where(p => key(p) is not null).GroupBy(p => key(p)!)
            .ToDictionary(g => g.Key, g => g.Min(p => p.LocalDate));
        return ListeningOracle.Rank(s.Oracle.Counted(from, to), key, ids).Select((x, index) =>
        {
            int? before = previous.TryGetValue(x.Key, out var rank) ? rank : null;
            var movement = before is { } b
                ? b > index + 1 ? "up" : b < index + 1 ? "down" : "same"
                : firstPlayed[x.Key] >= from ? "new" : "re_entry";
            return (x.Key, x.Plays, x.Ms, movement, before);
        }).ToList();
    }

    private static Dictionary<string, string> TrackNames(Scenario s) =>
        s.Oracle.Plays.Where(p => p.TrackUri is not null).GroupBy(p => p.TrackUri!)
            .ToDictionary(g => g.Key, g => g.First().Name);

    private static IEnumerable<(string Name, int Plays, string Movement, int? PreviousRank)> Entries(JsonElement data,
        string list) =>
        data.GetProperty(list).EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("plays").GetInt32(),
            e.GetProperty("movement").GetString()!,
            e.GetProperty("previous_rank").ValueKind == JsonValueKind.Null ? (int?)null
            : e.GetProperty("previous_rank").GetInt32()));

    /// <summary>A change as a headline tile words it: an arrow and the percentage, or "no change" / "new".</summary>
    private static string ChangeText(double now, double before) => Figures.Change(now, before) switch
    {
        { Direction: > 0 } up => $"▲ {up.Text} vs previous period",
        { Direction: < 0 } down => $"▼ {down.Text} vs previous period",
        var same => $"{same!.Text} vs previous period",
    };

    /// <summary>
    /// A table row in the page's text: its cells one after the other, where a name may have been cut to fit its
    /// column (a start of it, then "…").
    /// </summary>
    private static void AssertRow(string pageText, params string[] cells)
    {
        var pattern = string.Concat(cells.Select(cell =>
        {
            var squashed = Squash(cell);
            var cuts = Enumerable.Range(1, Math.Max(0, squashed.Length - 1))
                .Select(length => Regex.Escape(squashed[..length]) + "…");
            return $"(?:{string.Join('|', cuts.Prepend(Regex.Escape(squashed)))})";
        }));
        Assert.Matches(pattern, pageText);
    }

    /// <summary>
    /// Sessions over every play: a new one starts when a play begins more than ten minutes after the last ended.
    /// </summary>
    private static List<(DateTime Start, DateTime End, int Plays, int Skips)> Sessions(IEnumerable<OraclePlay> plays)
    {
        var sessions = new List<(DateTime Start, DateTime End, int Plays, int Skips)>();
        foreach (var play in plays.OrderBy(p => p.PlayedAt))
        {
            var start = play.PlayedAt.AddMilliseconds(-play.MsPlayed);
            var skip = play.IsSkip ? 1 : 0;
            if (sessions.Count == 0 || start - sessions[^1].End > TimeSpan.FromMinutes(10))
            {
                sessions.Add((start, play.PlayedAt, 1, skip));
            }
            else
            {
                var last = sessions[^1];
                sessions[^1] = (start < last.Start ? start : last.Start,
                    play.PlayedAt > last.End ? play.PlayedAt : last.End, last.Plays + 1, last.Skips + skip);
            }
        }
        return sessions;
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
            .Select(r =>
                (r["name"], int.Parse(r["plays"], CultureInfo.InvariantCulture),
                    long.Parse(r["ms_played"], CultureInfo.InvariantCulture)));

    /// <summary>
    /// A page's words joined without spaces, so a test matches text regardless of how the PDF spaced it.
    /// </summary>
    private static string Text(UglyToad.PdfPig.Content.Page page) => string.Concat(page.GetWords().Select(w => w.Text));

    /// <summary>
    /// The words of one column of a page (those starting between two x positions, in points), line by line from the
    /// top and left to right within a line, joined without spaces: a tile or a table beside another, read alone.
    /// Lines are told apart by baseline, so a dash or a smaller note beside a figure stays on the figure's line.
    /// </summary>
    private static string ColumnText(UglyToad.PdfPig.Content.Page page, double fromX, double toX)
    {
        static double Baseline(UglyToad.PdfPig.Content.Word word) => word.Letters[0].StartBaseLine.Y;
        var words = page.GetWords().Where(w => w.BoundingBox.Left >= fromX && w.BoundingBox.Left < toX)
            .OrderByDescending(Baseline).ToList();
        var lines = new List<List<UglyToad.PdfPig.Content.Word>>();
        foreach (var word in words)
        {
            if (lines.Count == 0 || Baseline(lines[^1][0]) - Baseline(word) > 2)
            {
                lines.Add([]);
            }
            lines[^1].Add(word);
        }
        return string.Concat(lines.SelectMany(line => line.OrderBy(w => w.BoundingBox.Left)).Select(w => w.Text));
    }

    /// <summary>The line of text just beneath a label, in the label's column: a tile's figure.</summary>
    private static string Beneath(UglyToad.PdfPig.Content.Page page, string label)
    {
        var words = page.GetWords().ToList();
        var anchor = words.First(w => w.Text == label).BoundingBox;
        var column = words.Where(w => w.BoundingBox.Left >= anchor.Left - 1 && w.BoundingBox.Left < anchor.Left + 150
            && w.BoundingBox.Top < anchor.Bottom).ToList();
        var line = column.Max(w => w.BoundingBox.Top);
        return string.Join(' ',
            column.Where(w => Math.Abs(w.BoundingBox.Top - line) < 2).OrderBy(w => w.BoundingBox.Left)
            .Select(w => w.Text));
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
