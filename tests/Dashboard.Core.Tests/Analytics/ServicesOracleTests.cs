using System.Globalization;
using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>Trend, top lists, history, details, habits and charts over the real sample, against the oracle.</summary>
[RunsLong]
public sealed class ServicesOracleTests(SampleScenarios scenarios) : IClassFixture<SampleScenarios>
{
    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Trend_of_a_quarter_is_weekly_and_its_breakdowns_match(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-89), s.Today);
        var service = s.Host.Get<TrendService>();

        var trend = await service.GetAsync(s.UserId, new TrendQuery(PeriodSelection.Quarter), CancellationToken.None);

        Assert.Equal(Granularity.Week, trend.Granularity);
        var weeks = s.Oracle.Counted(from, to).GroupBy(p => Monday(p.LocalDate))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(p => (long)p.MsPlayed)));
        Assert.Equal(Monday(from), trend.Points[0].Start);
        Assert.Equal(Monday(to), trend.Points[^1].Start);
        Assert.All(trend.Points, point =>
        {
            Assert.Equal(weeks.GetValueOrDefault(point.Start), (point.Plays, point.ListeningMs));
            var start = point.Start.ToDateTime(TimeOnly.MinValue);
            Assert.Equal($"{ISOWeek.GetYear(start)}-W{ISOWeek.GetWeekOfYear(start):00}", point.Label);
        });

        // Split by platform: one series per platform, and a table of plays, time, share and average length.
        var byPlatform = await service.GetAsync(s.UserId,
            new TrendQuery(PeriodSelection.Quarter, Breakdown: Dimension.Platform), CancellationToken.None);
        var platforms = s.Oracle.Counted(from, to).GroupBy(p => p.Platform ?? "unknown").ToList();
        var total = platforms.Sum(g => g.Count());
        Assert.Equal(
            platforms.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                    (g.Key, g.Count(), g.Sum(p => (long)p.MsPlayed), Math.Round((double)g.Count() / total, 6),
                        g.Sum(p => (long)p.MsPlayed) / g.Count())),
            byPlatform.Table.Select(r => (r.Value, r.Plays, r.ListeningMs, Math.Round(r.Share, 6), r.AveragePlayMs)));
        foreach (var series in byPlatform.Series)
        {
            Assert.Equal(s.Oracle.Counted(from, to).Count(p => (p.Platform ?? "unknown") == series.Value),
                series.Points.Sum(p => p.Plays));
        }

        // Keep one country, then split it by how plays ended.
        var country = s.Oracle.Counted(from, to).GroupBy(p => p.Country).OrderByDescending(g => g.Count()).First().Key!;
        var drilled = await service.GetAsync(s.UserId,
            new TrendQuery(PeriodSelection.Quarter, Breakdown: Dimension.Country, Filter: country,
            Breakdown2: Dimension.ReasonEnd), CancellationToken.None);
        Assert.Equal(Dimension.ReasonEnd, drilled.SplitBy);
        Assert.Equal(
            s.Oracle.Counted(from, to).Where(p => p.Country == country).GroupBy(p => p.ReasonEnd ?? "unknown")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.Count())),
            drilled.Table.Select(r => (r.Value, r.Plays)));

        // Booleans name themselves true, false or unknown.
        var shuffled = await service.GetAsync(s.UserId,
            new TrendQuery(PeriodSelection.Quarter, Breakdown: Dimension.Shuffle, Filter: "true"),
            CancellationToken.None);
        Assert.Equal(s.Oracle.Counted(from, to).Count(p => p.Shuffle == true), shuffled.Points.Sum(p => p.Plays));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Top_lists_of_a_month_match_with_the_previous_month_ranks(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var (from, to) = (s.Today.AddDays(-29), s.Today);
        var service = s.Host.Get<TopListsService>();

        var tracks = await service.GetAsync(s.UserId, TopKind.Tracks, PeriodSelection.Month, 25,
            CancellationToken.None);
        var artists = await service.GetAsync(s.UserId, TopKind.Artists, PeriodSelection.Month, 10,
            CancellationToken.None);
        var podcasts = await service.GetAsync(s.UserId, TopKind.Podcasts, PeriodSelection.Month, 10,
            CancellationToken.None);

        var expected = ListeningOracle.Rank(s.Oracle.Counted(from, to), p => p.TrackUri, s.TrackIds);
        Assert.Equal(expected.Count, tracks.TotalItems);
        Assert.Equal(expected.Take(25).Select(e => (s.TrackIds[e.Key], e.Plays, e.Ms)),
            tracks.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
        var previous = ListeningOracle.Rank(s.Oracle.Counted(from.AddDays(-30), from.AddDays(-1)), p => p.TrackUri,
            s.TrackIds)
            .Select((e, index) => (e.Key, Rank: index + 1)).ToDictionary(e => s.TrackIds[e.Key], e => e.Rank);
        Assert.All(tracks.Entries, entry =>
        {
            Assert.Equal(previous.TryGetValue(entry.Item.Id, out var rank) ? rank : null, entry.PreviousRank);
            var first = s.Oracle.Plays.Where(p => p.TrackUri is not null && s.TrackIds[p.TrackUri] == entry.Item.Id)
                .Min(p => p.LocalDate);
            var movement = entry.PreviousRank is { } before
                ? before > entry.Item.Rank ? Movement.Up : before < entry.Item.Rank ? Movement.Down : Movement.Same
                : first >= from ? Movement.New : Movement.ReEntry;
            Assert.Equal(movement, entry.Movement);
        });
        Assert.Equal(ListeningOracle.Rank(s.Oracle.Counted(from, to), p => p.Artist, s.ArtistIds).Take(10)
            .Select(e => (s.ArtistIds[e.Key], e.Plays)),
            artists.Entries.Select(e => (e.Item.Id, e.Item.Plays)));
        Assert.Equal(ListeningOracle.Rank(s.Oracle.Counted(from, to), p => p.Show, s.ShowIds).Take(10)
            .Select(e => (s.ShowIds[e.Key], e.Plays)),
            podcasts.Entries.Select(e => (e.Item.Id, e.Item.Plays)));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task All_time_top_lists_match_from_the_lifetime_totals(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<TopListsService>();
        var counted = s.Oracle.Plays.Where(p => p.Counted).ToList();

        async Task AssertTop(TopKind kind, Func<OraclePlay, string?> key, IReadOnlyDictionary<string, int> ids)
        {
            var list = await service.GetAsync(s.UserId, kind, PeriodSelection.AllTime, 25, CancellationToken.None);
            var expected = ListeningOracle.Rank(counted, key, ids);
            Assert.Equal(expected.Count, list.TotalItems);
            Assert.Equal(expected.Take(25).Select(e => (ids[e.Key], e.Plays, e.Ms)),
                list.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
            Assert.All(list.Entries, e => Assert.Null(e.Movement));
        }

        await AssertTop(TopKind.Tracks, p => p.TrackUri, s.TrackIds);
        await AssertTop(TopKind.Artists, p => p.Artist, s.ArtistIds);
        await AssertTop(TopKind.Albums, p => p.Album is null ? null : $"{p.Artist}\u0001{p.Album}", s.AlbumIds);
        await AssertTop(TopKind.Podcasts, p => p.Show, s.ShowIds);
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Top_lists_of_ranges_with_whole_months_match_the_months_and_the_days_around_them(string zone,
        PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<TopListsService>();
        // Mid-month to mid-month, first of a month to the end of one, and the last year up to today.
        PeriodSelection[] selections =
        [
            PeriodSelection.Between(s.Today.AddDays(-200), s.Today.AddDays(-20)),
            PeriodSelection.Between(new DateOnly(s.Today.Year, s.Today.Month, 1).AddMonths(-5),
            new DateOnly(s.Today.Year, s.Today.Month, 1).AddDays(-1)),
            PeriodSelection.Year,
        ];
        foreach (var selection in selections)
        {
            var tracks = await service.GetAsync(s.UserId, TopKind.Tracks, selection, 50, CancellationToken.None);
            var (from, to) = (tracks.Range.From, tracks.Range.To);
            var counted = s.Oracle.Counted(from, to).ToList();
            Assert.NotEmpty(counted);
            var expected = ListeningOracle.Rank(counted, p => p.TrackUri, s.TrackIds);
            Assert.Equal(expected.Count, tracks.TotalItems);
            Assert.Equal(expected.Take(50).Select(e => (s.TrackIds[e.Key], e.Plays, e.Ms)),
                tracks.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
            var artists = await service.GetAsync(s.UserId, TopKind.Artists, selection, 25, CancellationToken.None);
            Assert.Equal(ListeningOracle.Rank(counted, p => p.Artist, s.ArtistIds).Take(25)
                .Select(e => (s.ArtistIds[e.Key], e.Plays, e.Ms)),
                artists.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
            var albums = await service.GetAsync(s.UserId, TopKind.Albums, selection, 25, CancellationToken.None);
            Assert.Equal(
                ListeningOracle.Rank(counted, p => p.Album is null ? null : $"{p.Artist}\u0001{p.Album}", s.AlbumIds)
                .Take(25)
                    .Select(e => (s.AlbumIds[e.Key], e.Plays, e.Ms)),
                albums.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
            var podcasts = await service.GetAsync(s.UserId, TopKind.Podcasts, selection, 10, CancellationToken.None);
            Assert.Equal(ListeningOracle.Rank(counted, p => p.Show, s.ShowIds).Take(10)
                .Select(e => (s.ShowIds[e.Key], e.Plays, e.Ms)),
                podcasts.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
        }
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task History_pages_newest_first_and_filters_as_asked(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<HistoryService>();

        var first = await service.GetAsync(s.UserId, new HistoryQuery(Page: 1, PageSize: 50), CancellationToken.None);
        var third = await service.GetAsync(s.UserId, new HistoryQuery(Page: 3, PageSize: 50), CancellationToken.None);

        Assert.Equal(s.Oracle.Plays.Count, first.Total);
        var newestFirst = s.Oracle.Plays.OrderByDescending(p => p.PlayedAt).Select(p => p.PlayedAt).ToList();
        Assert.Equal(newestFirst.Take(50), first.Items.Select(i => i.PlayedAt));
        Assert.Equal(newestFirst.Skip(100).Take(50), third.Items.Select(i => i.PlayedAt));
        Assert.All(first.Items,
            i => Assert.Equal(TimeZoneInfo.ConvertTimeFromUtc(i.PlayedAt, s.Oracle.Zone), i.LocalTime));

        var artist = s.Oracle.Plays.Where(p => p.Artist is not null).GroupBy(p => p.Artist)
            .OrderByDescending(g => g.Count()).First().Key!;
        var byArtist = await service.GetAsync(s.UserId, new HistoryQuery(Artist: artist[1..^1].ToUpperInvariant()),
            CancellationToken.None);
        Assert.Equal(
            s.Oracle.Plays.Count(p => p.Artist is not null
                && p.Artist.Contains(artist[1..^1], StringComparison.OrdinalIgnoreCase)), byArtist.Total);

        var byArtistId = await service.GetAsync(s.UserId, new HistoryQuery(ArtistId: s.ArtistIds[artist]),
            CancellationToken.None);
        Assert.Equal(s.Oracle.Plays.Count(p => p.Artist == artist), byArtistId.Total);
        Assert.All(byArtistId.Items, i => Assert.Equal(s.ArtistIds[artist], i.ArtistId));
        var musicOfTheWeek = await service.GetAsync(s.UserId,
            new HistoryQuery(From: s.Today.AddDays(-6), To: s.Today, ContentType: ContentType.Music),
            CancellationToken.None);
        Assert.Equal(s.Oracle.All(s.Today.AddDays(-6), s.Today).Count(p => p.ContentType == ContentType.Music),
            musicOfTheWeek.Total);

        var (from, to) = (s.Today.AddDays(-6), s.Today);
        var week = await service.GetAsync(s.UserId, new HistoryQuery(From: from, To: to, PageSize: 100),
            CancellationToken.None);
        Assert.Equal(s.Oracle.All(from, to).Count(), week.Total);
        var skipped = await service.GetAsync(s.UserId, new HistoryQuery(Skipped: true), CancellationToken.None);
        Assert.Equal(s.Oracle.Plays.Count(p => p.IsSkip), skipped.Total);
        var podcasts = await service.GetAsync(s.UserId, new HistoryQuery(ContentType: ContentType.Podcast),
            CancellationToken.None);
        Assert.Equal(s.Oracle.Plays.Count(p => p.ContentType == ContentType.Podcast), podcasts.Total);
        var text = await service.GetAsync(s.UserId, new HistoryQuery(Text: "london"), CancellationToken.None);
        Assert.Equal(s.Oracle.Plays.Count(p => Matches(p, "london")), text.Total);
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task History_keeps_the_plays_the_rule_counts_or_the_others(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<HistoryService>();
        var (from, to) = (s.Today.AddDays(-29), s.Today);
        var artist = s.Oracle.Plays.Where(p => p.Artist is not null).GroupBy(p => p.Artist)
            .OrderByDescending(g => g.Count()).First().Key!;

        // Totals from the day rollups, from the items' totals, and from the plays (a source filter).
        var counted = await service.GetAsync(s.UserId, new HistoryQuery(Counted: true), CancellationToken.None);
        var others = await service.GetAsync(s.UserId, new HistoryQuery(Counted: false, PageSize: 100),
            CancellationToken.None);
        var month = await service.GetAsync(s.UserId, new HistoryQuery(From: from, To: to, Counted: false),
            CancellationToken.None);
        var artistsCounted = await service.GetAsync(s.UserId,
            new HistoryQuery(ArtistId: s.ArtistIds[artist], Counted: true), CancellationToken.None);
        var exported = await service.GetAsync(s.UserId,
            new HistoryQuery(Source: PlaySource.ExtendedHistory, Counted: true), CancellationToken.None);

        Assert.Equal(s.Oracle.Plays.Count(p => p.Counted), counted.Total);
        Assert.Equal(s.Oracle.Plays.Count(p => !p.Counted), others.Total);
        Assert.All(others.Items, i => Assert.False(i.Counted));
        Assert.Equal(s.Oracle.All(from, to).Count(p => !p.Counted), month.Total);
        Assert.Equal(s.Oracle.Plays.Count(p => p.Artist == artist && p.Counted), artistsCounted.Total);
        Assert.Equal(s.Oracle.Plays.Count(p => p.Counted), exported.Total);
        Assert.Equal(rule, counted.Rule);
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task History_keeps_one_track_album_or_show_by_its_id(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<HistoryService>();
        var track = s.Oracle.Plays.Where(p => p.TrackUri is not null).GroupBy(p => p.TrackUri)
            .OrderByDescending(g => g.Count()).First().Key!;
        var album = s.Oracle.Plays.Where(p => p.Album is not null).GroupBy(p => (p.Artist, p.Album))
            .OrderByDescending(g => g.Count()).First().Key;
        var show = s.Oracle.Plays.Where(p => p.Show is not null).GroupBy(p => p.Show)
            .OrderByDescending(g => g.Count()).First().Key!;

        var byTrack = await service.GetAsync(s.UserId, new HistoryQuery(TrackId: s.TrackIds[track]),
            CancellationToken.None);
        var byAlbum = await service.GetAsync(s.UserId,
            new HistoryQuery(AlbumId: s.AlbumIds[$"{album.Artist}\u0001{album.Album}"]), CancellationToken.None);
        var byShow = await service.GetAsync(s.UserId, new HistoryQuery(ShowId: s.ShowIds[show], PageSize: 100),
            CancellationToken.None);
        var names = await service.GetItemNamesAsync(s.UserId,
            new HistoryQuery(TrackId: s.TrackIds[track], ShowId: s.ShowIds[show]), CancellationToken.None);

        Assert.Equal(s.Oracle.Plays.Count(p => p.TrackUri == track), byTrack.Total);
        Assert.All(byTrack.Items, i => Assert.Equal(s.TrackIds[track], i.TrackId));
        Assert.Equal(s.Oracle.Plays.Count(p => (p.Artist, p.Album) == album), byAlbum.Total);
        Assert.Equal(s.Oracle.Plays.Count(p => p.Show == show), byShow.Total);
        Assert.All(byShow.Items, i => Assert.Equal(s.ShowIds[show], i.ShowId));
        Assert.Equal(new HistoryItemNames(null, s.Oracle.Plays.First(p => p.TrackUri == track).Name, null, show),
            names);
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Track_and_artist_details_match(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<DetailService>();
        var trackUri = s.Oracle.Plays.Where(p => p.TrackUri is not null).GroupBy(p => p.TrackUri)
            .OrderByDescending(g => g.Count()).First().Key!;
        var artist = s.Oracle.Plays.First(p => p.TrackUri == trackUri).Artist!;

        var track = (await service.GetAsync(s.UserId, DetailKind.Track, s.TrackIds[trackUri], CancellationToken.None))!;
        var artistDetail =
            (await service.GetAsync(s.UserId, DetailKind.Artist, s.ArtistIds[artist], CancellationToken.None))!;

        AssertDetail(s, track, s.Oracle.Plays.Where(p => p.TrackUri == trackUri).ToList());
        var artistPlays = s.Oracle.Plays.Where(p => p.Artist == artist).ToList();
        AssertDetail(s, artistDetail, artistPlays);
        Assert.Equal(ListeningOracle.Rank(artistPlays.Where(p => p.Counted), p => p.TrackUri, s.TrackIds).Take(10)
            .Select(e => (s.TrackIds[e.Key], e.Plays)),
            artistDetail.TopTracks.Select(t => (t.Id, t.Plays)));
        Assert.Null(
            await service.GetAsync(s.UserId + 1000, DetailKind.Track, s.TrackIds[trackUri], CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Album_and_show_details_match(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<DetailService>();
        var album = s.Oracle.Plays.Where(p => p.Album is not null).GroupBy(p => (p.Artist, p.Album))
            .OrderByDescending(g => g.Count()).First().Key;
        var show = s.Oracle.Plays.Where(p => p.Show is not null).GroupBy(p => p.Show).OrderByDescending(g => g.Count())
            .First().Key!;

        var albumDetail =
            (await service.GetAsync(s.UserId, DetailKind.Album, s.AlbumIds[$"{album.Artist}\u0001{album.Album}"],
                CancellationToken.None))!;
        var showDetail = (await service.GetAsync(s.UserId, DetailKind.Show, s.ShowIds[show], CancellationToken.None))!;

        var albumPlays = s.Oracle.Plays.Where(p => p.Artist == album.Artist && p.Album == album.Album).ToList();
        AssertDetail(s, albumDetail, albumPlays);
        Assert.Equal(ListeningOracle.Rank(albumPlays.Where(p => p.Counted), p => p.TrackUri, s.TrackIds).Take(10)
            .Select(e => (s.TrackIds[e.Key], e.Plays)),
            albumDetail.TopTracks.Select(t => (t.Id, t.Plays)));
        var showPlays = s.Oracle.Plays.Where(p => p.Show == show).ToList();
        AssertDetail(s, showDetail, showPlays);
        Assert.Equal(showPlays.Where(p => p.Counted).GroupBy(p => p.EpisodeUri).Select(g => g.Count()).OrderDescending()
            .Take(10),
            showDetail.TopTracks.Select(e => e.Plays));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Habits_count_sessions_split_by_ten_minute_gaps_and_skip_rates_over_every_play(string zone,
        PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);

        var habits = await s.Host.Get<HabitsService>()
            .GetAsync(s.UserId, PeriodSelection.AllTime, CancellationToken.None);

        var sessions = new List<(DateTime Start, DateTime End)>();
        foreach (var play in s.Oracle.Plays.OrderBy(p => p.PlayedAt))
        {
            var start = play.PlayedAt.AddMilliseconds(-play.MsPlayed);
            if (sessions.Count == 0 || start - sessions[^1].End > TimeSpan.FromMinutes(10))
            {
                sessions.Add((start, play.PlayedAt));
            }
            else
            {
                sessions[^1] = (start < sessions[^1].Start ? start : sessions[^1].Start,
                    play.PlayedAt > sessions[^1].End ? play.PlayedAt : sessions[^1].End);
            }
        }
        Assert.Equal(sessions.Count, habits.Sessions);
        Assert.Equal(sessions.Select(x => x.End - x.Start).OrderDescending().Take(5),
            habits.LongestSessions.Select(x => x.Length));
        Assert.Equal(s.Oracle.Plays.Count, habits.AllPlays);
        Assert.Equal(s.Oracle.Plays.Count(p => p.IsSkip), habits.Skips);
        var artists = s.Oracle.Plays.Where(p => p.Artist is not null).GroupBy(p => p.Artist!)
            .OrderByDescending(g => g.Count()).ThenBy(g => s.ArtistIds[g.Key]).Take(10)
            .Select(g => (g.Key, g.Count(), g.Count(p => p.IsSkip)));
        Assert.Equal(artists, habits.ArtistSkips.Select(a => (a.Name, a.Plays, a.Skips)));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Weekly_charts_rank_each_local_week_and_remember_positions(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var service = s.Host.Get<ChartsService>();
        var weeks = s.Oracle.Plays.Where(p => p.Counted && p.TrackUri is not null).GroupBy(p => Monday(p.LocalDate))
            .ToDictionary(g => g.Key,
                g => ListeningOracle.Rank(g, p => p.TrackUri, s.TrackIds).Take(20).Select(e => s.TrackIds[e.Key])
                .ToList());
        var week = weeks.Keys.Order().ElementAt(weeks.Count / 2);

        var chart = await service.GetAsync(s.UserId, ChartKind.Tracks, week.AddDays(3), 20, CancellationToken.None);

        Assert.Equal(week, chart.WeekStart);
        Assert.Equal(weeks[week], chart.Lines.Select(l => l.Item.Id));
        foreach (var line in chart.Lines)
        {
            var history = weeks.Where(w => w.Key <= week && w.Value.Contains(line.Item.Id))
                .Select(w => (w.Key, Position: w.Value.IndexOf(line.Item.Id) + 1)).ToList();
            Assert.Equal(history.Count, line.WeeksOnChart);
            Assert.Equal(history.Min(h => h.Position), line.Peak);
            Assert.Equal(history.Where(h => h.Key == week.AddDays(-7)).Select(h => (int?)h.Position).FirstOrDefault(),
                line.PreviousPosition);
        }
        Assert.Equal(weeks.Keys.Where(k => k < week).Max(), chart.PreviousWeek);
        Assert.Equal(weeks.Keys.Max(), chart.LatestWeek);
    }

    private static void AssertDetail(Scenario s, ItemDetail detail, List<OraclePlay> plays)
    {
        var counted = plays.Where(p => p.Counted).ToList();
        Assert.Equal(counted.Count, detail.Plays);
        Assert.Equal(counted.Sum(p => (long)p.MsPlayed), detail.ListeningMs);
        Assert.Equal(plays.Count, detail.AllPlays);
        Assert.Equal(plays.Count(p => p.IsSkip), detail.Skips);
        Assert.Equal(plays.Min(p => p.PlayedAt), detail.FirstPlayedAt);
        Assert.Equal(plays.Max(p => p.PlayedAt), detail.LastPlayedAt);
        Assert.Equal(Math.Round((double)counted.Count / s.Oracle.Plays.Count(p => p.Counted), 9),
            Math.Round(detail.ShareOfPlays, 9));
        Assert.Equal(counted.GroupBy(p => p.LocalDate.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key).Select(g => (g.Key, g.Count())),
            detail.OverTime.Select(p => (p.Label, p.Plays)));
        Assert.Equal(counted.GroupBy(p => p.Platform ?? "unknown").OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
            detail.Platforms.Select(p => (p.Name, p.Plays)));
        Assert.Equal(counted.GroupBy(p => p.Country ?? "unknown").OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())),
            detail.Countries.Select(p => (p.Name, p.Plays)));
    }

    private static bool Matches(OraclePlay play, string text) =>
        new[] { play.Name, play.Artist, play.Album,
            play.Show }.Any(n => n?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
