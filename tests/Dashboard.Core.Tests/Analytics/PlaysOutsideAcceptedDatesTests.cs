using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// Plays an older version stored with impossible dates (year 1, year 9999, and before Spotify existed) next to four
/// ordinary ones: every page's service and every report keeps working and counts the four alone. "Now" is 2026-11-20
/// 17:00 UTC, noon in New York. Plays, all of 200 s:
/// <code>
/// #  item  UTC end               New York local day
/// 1  A     2025-06-01 16:00      2025-06-01
/// 2  B     2026-11-01 16:00      2026-11-01
/// 3  A     2026-11-18 16:00      2026-11-18
/// 4  A     2026-11-20 15:00      2026-11-20
/// 5  A     0001-01-01 00:00      0001-01-01 (the zone's offset cannot go further back)
/// 6  A     0001-01-01 00:10      0001-01-01
/// 7  A     9999-12-31 23:59:59   9999-12-31
/// 8  B     2005-07-01 12:00      2005-07-01
/// </code>
/// Track A is Alpha's, on album X; B is Beta's, on album Y.
/// </summary>
public sealed class PlaysOutsideAcceptedDatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 20);
    private const int Ms = 200_000;
    private static CancellationToken Ct => CancellationToken.None;

    public static TheoryData<string> Periods => ["week", "month", "quarter", "year", "all_time", "custom"];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Overview_of_every_period_counts_only_the_plays_on_accepted_days(string period)
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var (selection, from, plays) = period switch
        {
            "week" => (PeriodSelection.Week, Today.AddDays(-6), 2),
            "month" => (PeriodSelection.Month, Today.AddDays(-29), 3),
            "quarter" => (PeriodSelection.Quarter, Today.AddDays(-89), 3),
            "year" => (PeriodSelection.Year, Today.AddDays(-364), 3),
            "all_time" => (PeriodSelection.AllTime, new DateOnly(2025, 6, 1), 4),
            _ => (PeriodSelection.Between(new DateOnly(2006, 1, 1), Today), new DateOnly(2006, 1, 1), 4),
        };

        var overview = await host.Get<OverviewService>().GetAsync(stored.UserId, selection, Ct);

        Assert.Equal(new DayRange(from, Today), overview.Range);
        Assert.Equal(plays, overview.Current.Plays);
        Assert.Equal(plays * (long)Ms, overview.Current.ListeningMs);
        Assert.Equal(plays, overview.Clock.Sum(c => c.Plays));
        Assert.Equal(plays, overview.PlaysPerDay.Sum(d => d.Plays));
        Assert.Equal(Today.DayNumber - from.DayNumber + 1, overview.PlaysPerDay.Count);
        Assert.Equal(plays, overview.TopTracks.Sum(t => t.Plays));
    }

    [Fact]
    public async Task Trend_of_all_time_runs_by_month_from_the_first_accepted_day()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);

        var trend = await host.Get<TrendService>()
            .GetAsync(stored.UserId, new TrendQuery(PeriodSelection.AllTime, Breakdown: Dimension.Platform), Ct);

        Assert.Equal(Granularity.Month, trend.Granularity);
        Assert.Equal(18, trend.Points.Count);
        Assert.Equal(("2025-06", "2026-11"), (trend.Points[0].Label, trend.Points[^1].Label));
        Assert.Equal([1, 3], trend.Points.Where(p => p.Plays > 0).Select(p => p.Plays));
        Assert.Equal(4, trend.Table.Sum(r => r.Plays));
    }

    [Fact]
    public async Task Top_lists_of_all_time_and_of_the_year_count_only_the_plays_on_accepted_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var lists = host.Get<TopListsService>();

        var tracks = await lists.GetAsync(stored.UserId, TopKind.Tracks, PeriodSelection.AllTime, 10, Ct);
        var artists = await lists.GetAsync(stored.UserId, TopKind.Artists, PeriodSelection.AllTime, 10, Ct);
        var albums = await lists.GetAsync(stored.UserId, TopKind.Albums, PeriodSelection.AllTime, 10, Ct);
        var year = await lists.GetAsync(stored.UserId, TopKind.Tracks, PeriodSelection.Year, 10, Ct);

        Assert.Equal([("A", 3), ("B", 1)], tracks.Entries.Select(e => (e.Item.Name, e.Item.Plays)));
        Assert.Equal([("Alpha", 3), ("Beta", 1)], artists.Entries.Select(e => (e.Item.Name, e.Item.Plays)));
        Assert.Equal([("X", 3), ("Y", 1)], albums.Entries.Select(e => (e.Item.Name, e.Item.Plays)));
        Assert.Equal([("A", 2, Movement.Same), ("B", 1, Movement.New)],
            year.Entries.Select(e => (e.Item.Name, e.Item.Plays, e.Movement!.Value)));
    }

    [Fact]
    public async Task History_lists_only_the_plays_on_accepted_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var history = host.Get<HistoryService>();

        var page = await history.GetAsync(stored.UserId, new HistoryQuery(), Ct);
        var byTrack = await history.GetAsync(stored.UserId, new HistoryQuery(Track: "A"), Ct);

        Assert.Equal(4, page.Total);
        Assert.Equal(stored.Accepted.OrderByDescending(p => p.PlayedAt).Select(p => p.Id),
            page.Items.Select(i => i.Id));
        Assert.Equal(3, byTrack.Total);
        Assert.Equal(3, byTrack.Items.Count);
    }

    [Fact]
    public async Task Habits_of_all_time_and_of_the_year_count_sessions_on_accepted_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var habits = host.Get<HabitsService>();

        var allTime = await habits.GetAsync(stored.UserId, PeriodSelection.AllTime, Ct);
        var year = await habits.GetAsync(stored.UserId, PeriodSelection.Year, Ct);

        Assert.Equal((4, 4), (allTime.Sessions, allTime.AllPlays));
        Assert.Equal(TimeSpan.FromMilliseconds(Ms), allTime.AverageSession);
        Assert.Equal((3, 3), (year.Sessions, year.AllPlays));
        Assert.All(allTime.LongestSessions, s => Assert.InRange(s.StartedAt.Year, 2025, 2026));
    }

    [Fact]
    public async Task Charts_start_at_the_latest_accepted_week_and_page_between_accepted_weeks()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var charts = host.Get<ChartsService>();

        var latest = await charts.GetAsync(stored.UserId, ChartKind.Tracks, null, 20, Ct);
        var artists = await charts.GetAsync(stored.UserId, ChartKind.Artists, new DateOnly(2025, 6, 1), 20, Ct);

        Assert.Equal((new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 16)), (latest.WeekStart, latest.LatestWeek));
        Assert.Equal(new DateOnly(2026, 10, 26), latest.PreviousWeek);
        Assert.Null(latest.NextWeek);
        Assert.Equal([("A", 2)], latest.Lines.Select(l => (l.Item.Name, l.Item.Plays)));
        Assert.Equal(new DateOnly(2025, 5, 26), artists.WeekStart);
        Assert.Null(artists.PreviousWeek);
        Assert.Equal([("Alpha", 1)], artists.Lines.Select(l => (l.Item.Name, l.Item.Plays)));
    }

    [Fact]
    public async Task Details_of_the_track_its_artist_and_its_album_count_only_the_plays_on_accepted_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        var details = host.Get<DetailService>();

        (DetailKind Kind, int Id)[] items =
            [(DetailKind.Track, stored.TrackA), (DetailKind.Artist, stored.Alpha), (DetailKind.Album, stored.AlbumX)];
        foreach (var (kind, id) in items)
        {
            var detail = (await details.GetAsync(stored.UserId, kind, id, Ct))!;

            Assert.Equal((3, 3, 3L * Ms), (detail.Plays, detail.AllPlays, detail.ListeningMs));
            Assert.Equal((new DateTime(2025, 6, 1, 16, 0, 0), new DateTime(2026, 11, 20, 15, 0, 0)),
                (detail.FirstPlayedAt, detail.LastPlayedAt));
            Assert.Equal([("2025-06", 1), ("2026-11", 2)], detail.OverTime.Select(m => (m.Label, m.Plays)));
            Assert.Equal(0.75, detail.ShareOfPlays);
            Assert.All(detail.ChartHistory, week => Assert.InRange(week.WeekStart.Year, 2025, 2026));
        }
    }

    [Fact]
    public async Task Every_report_type_is_made_from_the_plays_on_accepted_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);

        var daily = await MakeAsync(host, stored.UserId,
            new ReportRequest("daily_analytics", "zip", Date: "2026-11-20"));
        var history = await MakeAsync(host, stored.UserId,
            new ReportRequest("listening_history", "csv", Period: "all_time"));
        var top = await MakeAsync(host, stored.UserId, new ReportRequest("top_lists", "json", Period: "all_time"));
        var summary = await MakeAsync(host, stored.UserId,
            new ReportRequest("period_summary", "pdf", Period: "all_time"));

        Assert.Equal(1, daily.TotalRecords);
        Assert.Equal(4, history.TotalRecords);
        Assert.Equal("listening-history-2025-06-01_2026-11-20.csv", history.FileName);
        Assert.Equal(2 + 2 + 2, top.TotalRecords);
        Assert.Equal(4, summary.TotalRecords);
    }

    /// <summary>
    /// Rollups as an older version built them, counting the plays of year 1 and 9999: the pages read them safely, and
    /// the start of the app rebuilds them without those plays.
    /// </summary>
    [Fact]
    public async Task Rollups_an_older_version_built_over_such_plays_are_read_safely_and_rebuilt_at_start()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var stored = await StoreOlderPlaysAsync(host);
        await AddOlderRollupsAsync(host, stored);
        var rollups = host.Get<RollupService>();
        Assert.Equal([stored.UserId], await rollups.UsersToRebuildAsync(Ct));

        var overview = await host.Get<OverviewService>().GetAsync(stored.UserId, PeriodSelection.AllTime, Ct);
        var chart = await host.Get<ChartsService>().GetAsync(stored.UserId, ChartKind.Tracks, null, 20, Ct);
        var detail = (await host.Get<DetailService>().GetAsync(stored.UserId, DetailKind.Track, stored.TrackA, Ct))!;
        var history = await host.Get<HistoryService>().GetAsync(stored.UserId, new HistoryQuery(), Ct);

        Assert.Equal((new DateOnly(2025, 6, 1), 4), (overview.Range.From, overview.Current.Plays));
        Assert.Equal(new DateOnly(2026, 11, 16), chart.WeekStart);
        Assert.Equal(["2025-06", "2026-11"], detail.OverTime.Select(m => m.Label));
        Assert.Equal([new DateOnly(2025, 5, 26), new DateOnly(2026, 11, 16)],
            detail.ChartHistory.Select(c => c.WeekStart));
        Assert.Equal(4, history.Total);

        await rollups.RebuildAsync(stored.UserId, Ct);

        Assert.Empty(await rollups.UsersToRebuildAsync(Ct));
        var rebuilt = (await host.Get<DetailService>().GetAsync(stored.UserId, DetailKind.Track, stored.TrackA, Ct))!;
        Assert.Equal((3, new DateTime(2025, 6, 1, 16, 0, 0), new DateTime(2026, 11, 20, 15, 0, 0)),
            (rebuilt.Plays, rebuilt.FirstPlayedAt, rebuilt.LastPlayedAt));
    }

    /// <summary>
    /// What rollups built before this version held for track A's plays of year 1 and 9999, and their weekly charts.
    /// </summary>
    private static async Task AddOlderRollupsAsync(CoreTestHost host, Stored stored)
    {
        // The charts of this version first, so that the older weeks added below are not rebuilt away.
        await host.Get<RollupService>().BuildChartsAndSessionsAsync(stored.UserId, Ct);
        await using var db = await host.DbAsync();
        (DateOnly Day, byte Hour, byte Weekday)[] extremes =
            [(DateOnly.MinValue, 0, 1), (DateOnly.MaxValue, 18, 5)];
        foreach (var (day, hour, weekday) in extremes)
        {
            var plays = day == DateOnly.MinValue ? 2 : 1;
            db.DailyRollups.Add(new DailyRollup
            {
                UserId = stored.UserId, LocalDate = day, ContentType = ContentType.Music, Platform = "android",
                    Country = "US",
                ReasonEnd = "trackdone", Plays = plays, MsPlayed = plays * Ms, AllPlays = plays,
            });
            db.DimensionRollups.Add(new DimensionRollup
            {
                UserId = stored.UserId, Dimension = Dimension.ContentType, LocalDate = day, Value = "music",
                    Plays = plays, MsPlayed = plays * Ms, AllPlays = plays,
            });
            db.HourlyRollups.Add(
                new HourlyRollup { UserId = stored.UserId, LocalDate = day, LocalHour = hour, LocalWeekday = weekday,
                    Plays = plays, MsPlayed = plays * Ms });
            db.ItemBreakdowns.Add(new ItemBreakdown
            {
                UserId = stored.UserId, Kind = ItemKind.Track, ItemId = stored.TrackA, Facet = Facet.Month,
                    Value = day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                Plays = plays, MsPlayed = plays * Ms,
            });
            db.WeeklyCharts.Add(new WeeklyChartEntry
            {
                UserId = stored.UserId, Chart = ChartKind.Tracks,
                    WeekStart = TrendService.BucketStart(day, Granularity.Week), Position = 1,
                ItemId = stored.TrackA, Plays = plays, MsPlayed = plays * Ms,
            });
        }
        await db.SaveChangesAsync();
        await db.ItemTotals.Where(t => t.UserId == stored.UserId && t.Kind == ItemKind.Track
            && t.ItemId == stored.TrackA)
            .ExecuteUpdateAsync(t =>
                t.SetProperty(x => x.Plays, x => x.Plays + 3).SetProperty(x => x.AllPlays, x => x.AllPlays + 3)
                .SetProperty(x => x.FirstPlayedAt, DateTime.MinValue)
                    .SetProperty(x => x.LastPlayedAt, new DateTime(9999, 12, 31, 23, 59, 59)));
    }

    private static async Task<Report> MakeAsync(CoreTestHost host, int userId, ReportRequest request)
    {
        var service = host.Get<ReportService>();
        var accepted = Assert.IsType<ReportRequestOutcome.Accepted>(await service.RequestAsync(userId, request, Ct));
        await service.RunAsync(accepted.Report.Id, Ct);
        var report = (await service.GetAsync(userId, accepted.Report.Id, Ct))!;
        Assert.True(report.Status == ReportStatus.Completed, $"{request.Type}: {report.Error}");
        return report;
    }

    private sealed record Stored(int UserId, int TrackA, int Alpha, int AlbumX, IReadOnlyList<Play> Accepted);

    /// <summary>
    /// The plays of the table above, stored as an older version stored them, and the rollups built over them.
    /// </summary>
    private static async Task<Stored> StoreOlderPlaysAsync(CoreTestHost host)
    {
        const string timeZone = "America/New_York";
        var user = await host.AddUserAsync("listener", timeZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        await using var db = await host.DbAsync();
        var alpha = new Artist { UserId = user.Id, Name = "Alpha" };
        var beta = new Artist { UserId = user.Id, Name = "Beta" };
        var a = new Track { UserId = user.Id, Name = "A", DurationMs = 240_000, PrimaryArtist = alpha,
            Album = new Album { UserId = user.Id, Name = "X", PrimaryArtist = alpha } };
        a.Artists.Add(new TrackArtist { Artist = alpha, Position = 0 });
        var b = new Track { UserId = user.Id, Name = "B", DurationMs = 240_000, PrimaryArtist = beta,
            Album = new Album { UserId = user.Id, Name = "Y", PrimaryArtist = beta } };
        b.Artists.Add(new TrackArtist { Artist = beta, Position = 0 });
        db.AddRange(a, b);
        await db.SaveChangesAsync();

        Play Add(DateTime utc, Track track)
        {
            var local = LocalTime.Of(utc, zone);
            var play = new Play
            {
                UserId = user.Id, PlayedAt = utc, MsPlayed = Ms, TrackId = track.Id, ContentType = ContentType.Music,
                Source = PlaySource.ExtendedHistory, Platform = "android", Country = "US", ReasonEnd = "trackdone",
                LocalDate = local.Date, LocalHour = local.Hour, LocalWeekday = local.Weekday,
            };
            db.Plays.Add(play);
            return play;
        }

        List<Play> accepted =
        [
            Add(Utc("2025-06-01T16:00:00"), a),
            Add(Utc("2026-11-01T16:00:00"), b),
            Add(Utc("2026-11-18T16:00:00"), a),
            Add(Utc("2026-11-20T15:00:00"), a),
        ];
        Add(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), a);
        Add(Utc("0001-01-01T00:10:00"), a);
        Add(Utc("9999-12-31T23:59:59"), a);
        Add(Utc("2005-07-01T12:00:00"), b);
        await db.SaveChangesAsync();
        await host.Get<RollupService>().RebuildAsync(user.Id, Ct);
        return new Stored(user.Id, a.Id, alpha.Id, a.AlbumId!.Value, accepted);
    }

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeKind.Utc);
}
