using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// Overview figures against a small history whose answers were worked out by hand (see the table in
/// <see cref="StoreWorkedOutHistoryAsync"/>). "Now" is 2026-11-20 17:00 UTC: noon in New York, 02:00 the next day in
/// Tokyo.
/// </summary>
public sealed class OverviewServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Week_in_New_York_counts_plays_of_30_seconds_by_local_day()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "America/New_York", PlayCountRule.AtLeast30Seconds);

        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.Week, CancellationToken.None);

        Assert.Equal(new DayRange(new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 20)), overview.Range);
        Assert.Equal(5, overview.Current.Plays);
        Assert.Equal(200_000 + 150_000 + 60_000 + 45_000 + 1_800_000, overview.Current.ListeningMs);
        Assert.Equal(3, overview.Current.UniqueTracks);
        Assert.Equal(3, overview.Current.UniqueArtists);
        Assert.Equal(["Track One", "Track Three", "Track Four"], overview.TopTracks.Select(t => t.Name));
        Assert.Equal([2, 1, 1], overview.TopTracks.Select(t => t.Plays));
        Assert.Equal([1, 2, 3], overview.TopTracks.Select(t => t.Rank));
        Assert.Equal("Alpha", overview.TopTracks[0].Detail);
        Assert.Equal(["Alpha", "Gamma", "Beta"], overview.TopArtists.Select(a => a.Name));
        Assert.Equal([2, 2, 1], overview.TopArtists.Select(a => a.Plays));
        Assert.Equal([350_000L, 105_000L, 60_000L], overview.TopArtists.Select(a => a.ListeningMs));
        Assert.Equal(
            [(14, 1), (15, 0), (16, 1), (17, 0), (18, 1), (19, 1), (20, 1)],
            overview.PlaysPerDay.Select(d => (d.Date.Day, d.Plays)));
    }

    [Fact]
    public async Task Week_in_Tokyo_shifts_the_days()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "Asia/Tokyo", PlayCountRule.AtLeast30Seconds);

        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.Week, CancellationToken.None);

        // Today is already the 21st in Tokyo; both plays of the 14th (UTC) fall on the 14th there, outside.
        Assert.Equal(new DayRange(new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 21)), overview.Range);
        Assert.Equal(4, overview.Current.Plays);
        Assert.Equal(200_000 + 150_000 + 45_000 + 1_800_000, overview.Current.ListeningMs);
        Assert.Equal(2, overview.Current.UniqueTracks);
        Assert.Equal(
            [(15, 0), (16, 1), (17, 0), (18, 1), (19, 0), (20, 1), (21, 1)],
            overview.PlaysPerDay.Select(d => (d.Date.Day, d.Plays)));
    }

    [Fact]
    public async Task Counting_every_play_includes_the_short_ones()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "America/New_York", PlayCountRule.AllPlays);

        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.Week, CancellationToken.None);

        Assert.Equal(6, overview.Current.Plays);
        Assert.Equal(4, overview.Current.UniqueTracks);
        Assert.Equal(["Track One", "Track Three", "Track Four", "Track Two"], overview.TopTracks.Select(t => t.Name));
        Assert.Equal(2, overview.PlaysPerDay.Single(d => d.Date.Day == 19).Plays);
    }

    [Fact]
    public async Task Half_the_track_rule_uses_the_length_when_known_and_30_seconds_otherwise()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "America/New_York", PlayCountRule.AtLeastHalf);

        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.Week, CancellationToken.None);

        Assert.Equal(4, overview.Current.Plays);
        Assert.Equal(["Track One", "Track Four"], overview.TopTracks.Select(t => t.Name));
        Assert.Equal(["Alpha", "Gamma"], overview.TopArtists.Select(a => a.Name));
    }

    [Fact]
    public async Task All_time_starts_at_the_first_local_day_played()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "America/New_York", PlayCountRule.AtLeast30Seconds);

        var overview = await host.Get<OverviewService>()
            .GetAsync(userId, PeriodSelection.AllTime, CancellationToken.None);

        Assert.Equal(new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 20)), overview.Range);
        Assert.Equal(11, overview.PlaysPerDay.Count);
        Assert.Equal(7, overview.Current.Plays);
    }

    [Fact]
    public async Task A_range_that_ended_before_today_counts_the_streak_on_its_last_day_not_todays()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var userId = await StoreWorkedOutHistoryAsync(host, "America/New_York", PlayCountRule.AtLeast30Seconds);
        var overviews = host.Get<OverviewService>();

        // Days with a counted play in New York: 10, 13, 14, 16, 18, 19 and 20 November; today is the 20th.
        var past = await overviews.GetAsync(userId,
            PeriodSelection.Between(new DateOnly(2026, 11, 12), new DateOnly(2026, 11, 19)), CancellationToken.None);
        var week = await overviews.GetAsync(userId, PeriodSelection.Week, CancellationToken.None);
        var fromTheFourteenth = await overviews.GetAsync(userId,
            PeriodSelection.Between(new DateOnly(2026, 11, 14), new DateOnly(2026, 11, 14)), CancellationToken.None);

        // On the 19th: the 18th and 19th (the 17th had none). Today's streak would be three days (18th to 20th).
        Assert.Equal((2, new DateOnly(2026, 11, 19)), (past.Streaks.Current, past.Streaks.AsOf));
        Assert.Equal((2, new DayRange(new DateOnly(2026, 11, 13), new DateOnly(2026, 11, 14))),
            (past.Streaks.Longest, past.Streaks.LongestRange));
        Assert.Equal((3, null), (week.Streaks.Current, week.Streaks.AsOf));
        // A streak that began before the range still ran on its last day: the 13th and 14th.
        Assert.Equal((2, 1), (fromTheFourteenth.Streaks.Current, fromTheFourteenth.Streaks.Longest));
    }

    [Fact]
    public async Task A_user_without_plays_gets_an_empty_overview()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("new-listener");

        var overview = await host.Get<OverviewService>()
            .GetAsync(user.Id, PeriodSelection.Month, CancellationToken.None);

        Assert.True(overview.IsEmpty);
        Assert.Equal(30, overview.PlaysPerDay.Count);
        Assert.Empty(overview.TopTracks);
    }

    /// <summary>
    /// Tracks: One (Alpha, 200 s), Two (Alpha, 180 s), Three (Beta featuring Gamma, 210 s), Four (Gamma,
    /// length unknown); episode E (50 min). Plays, with the local day in New York:
    /// <code>
    /// #  item   UTC end            NY local        ms         30 s  half
    /// 1  One    11-20 15:00        11-20 10:00     200,000    yes   yes
    /// 2  One    11-19 23:30        11-19 18:30     150,000    yes   yes
    /// 3  Two    11-20 03:00        11-19 22:00      20,000    no    no
    /// 4  Three  11-14 04:30        11-13 23:30     240,000    yes   yes   (before the week)
    /// 5  Three  11-14 06:00        11-14 01:00      60,000    yes   no
    /// 6  Four   11-16 12:00        11-16 07:00      45,000    yes   yes (length unknown: 30 s)
    /// 7  E      11-18 13:00        11-18 08:00   1,800,000    yes   yes
    /// 8  One    11-10 12:00        11-10 07:00     200,000    yes   yes   (before the week)
    /// </code>
    /// Another user plays Track One inside the week; it must never be counted.
    /// </summary>
    private static async Task<int> StoreWorkedOutHistoryAsync(CoreTestHost host, string timeZone, PlayCountRule rule)
    {
        var user = await host.AddUserAsync("listener", timeZone);
        var other = await host.AddUserAsync("someone-else", timeZone);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        await using var db = await host.DbAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, rule));

        var alpha = new Artist { UserId = user.Id, Name = "Alpha" };
        var beta = new Artist { UserId = user.Id, Name = "Beta" };
        var gamma = new Artist { UserId = user.Id, Name = "Gamma" };
        var one = NewTrack(user.Id, "Track One", 200_000, alpha);
        var two = NewTrack(user.Id, "Track Two", 180_000, alpha);
        var three = NewTrack(user.Id, "Track Three", 210_000, beta, gamma);
        var four = NewTrack(user.Id, "Track Four", null, gamma);
        var episode = new Episode { UserId = user.Id, Name = "Episode E", DurationMs = 3_000_000,
            Show = new Show { UserId = user.Id, Name = "The Show" } };
        // The same song in the other listener's catalogue.
        var othersOne = NewTrack(other.Id, "Track One", 200_000, new Artist { UserId = other.Id, Name = "Alpha" });
        db.AddRange(one, two, three, four, episode, othersOne);
        await db.SaveChangesAsync();

        void Add(int userId, DateTime utc, int ms, Track? track = null, Episode? ep = null)
        {
            var local = LocalTime.Of(utc, zone);
            db.Plays.Add(new Play
            {
                UserId = userId,
                PlayedAt = utc,
                MsPlayed = ms,
                TrackId = track?.Id,
                EpisodeId = ep?.Id,
                ContentType = ep is null ? ContentType.Music : ContentType.Podcast,
                LocalDate = local.Date,
                LocalHour = local.Hour,
                LocalWeekday = local.Weekday,
            });
        }

        Add(user.Id, Utc(20, 15, 0), 200_000, one);
        Add(user.Id, Utc(19, 23, 30), 150_000, one);
        Add(user.Id, Utc(20, 3, 0), 20_000, two);
        Add(user.Id, Utc(14, 4, 30), 240_000, three);
        Add(user.Id, Utc(14, 6, 0), 60_000, three);
        Add(user.Id, Utc(16, 12, 0), 45_000, four);
        Add(user.Id, Utc(18, 13, 0), 1_800_000, ep: episode);
        Add(user.Id, Utc(10, 12, 0), 200_000, one);
        Add(other.Id, Utc(18, 12, 0), 200_000, othersOne);
        await db.SaveChangesAsync();
        await host.Get<RollupService>().RebuildAsync(user.Id, CancellationToken.None);
        await host.Get<RollupService>().RebuildAsync(other.Id, CancellationToken.None);
        return user.Id;
    }

    private static Track NewTrack(int userId, string name, int? durationMs, params Artist[] artists)
    {
        var track = new Track { UserId = userId, Name = name, DurationMs = durationMs, PrimaryArtist = artists[0] };
        for (var i = 0; i < artists.Length; i++)
        {
            track.Artists.Add(new TrackArtist { Artist = artists[i], Position = i });
        }
        return track;
    }

    private static DateTime Utc(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);
}
