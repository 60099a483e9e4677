using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// The Overview's figures over the real sample equal the oracle's, in two zones and under every rule.
/// </summary>
public sealed class OverviewOracleTests(SampleScenarios scenarios) : IClassFixture<SampleScenarios>
{
    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task Last_30_days_match_the_oracle_with_the_previous_30_for_comparison(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var to = s.Today;
        var from = to.AddDays(-29);

        var overview = await s.Host.Get<OverviewService>()
            .GetAsync(s.UserId, PeriodSelection.Month, CancellationToken.None);

        Assert.Equal(new DayRange(from, to), overview.Range);
        AssertHeadline(s, from, to, overview.Current);
        AssertHeadline(s, from.AddDays(-30), from.AddDays(-1), overview.Previous!);
        AssertTops(s, from, to, overview);
        var expectedDays = s.Oracle.Counted(from, to).GroupBy(p => p.LocalDate)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(30, overview.PlaysPerDay.Count);
        Assert.All(overview.PlaysPerDay, day => Assert.Equal(expectedDays.GetValueOrDefault(day.Date), day.Plays));
        var expectedClock = s.Oracle.Counted(from, to).GroupBy(p => (p.LocalWeekday, p.LocalHour))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expectedClock.OrderBy(e => e.Key).Select(e => (e.Key.LocalWeekday, e.Key.LocalHour, e.Value)),
            overview.Clock.Select(c => (c.Weekday, c.Hour, c.Plays)));
        Assert.Equal(
            s.Oracle.Counted(from, to).GroupBy(p => p.ContentType).OrderByDescending(g => g.Count())
            .Select(g => (g.Key, g.Count(), g.Sum(p => (long)p.MsPlayed))),
            overview.Content.Select(c => (c.ContentType, c.Plays, c.ListeningMs)));
    }

    [Theory]
    [MemberData(nameof(SampleScenarios.All), MemberType = typeof(SampleScenarios))]
    public async Task All_time_matches_the_oracle_from_the_lifetime_totals(string zone, PlayCountRule rule)
    {
        var s = await scenarios.GetAsync(zone, rule);
        var first = s.Oracle.Plays.Where(p => p.Counted).Min(p => p.LocalDate);

        var overview = await s.Host.Get<OverviewService>()
            .GetAsync(s.UserId, PeriodSelection.AllTime, CancellationToken.None);

        Assert.Equal(new DayRange(first, s.Today), overview.Range);
        Assert.Null(overview.Previous);
        AssertHeadline(s, first, s.Today, overview.Current);
        AssertTops(s, first, s.Today, overview);
        // Streaks over the local days with counted plays.
        var days = s.Oracle.Plays.Where(p => p.Counted).Select(p => p.LocalDate).ToHashSet();
        var longest = 0;
        var run = 0;
        for (var day = first; day <= s.Today; day = day.AddDays(1))
        {
            run = days.Contains(day) ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        Assert.Equal(longest, overview.Streaks.Longest);
        var current = 0;
        for (var day = days.Contains(s.Today) ? s.Today
            : s.Today.AddDays(-1); days.Contains(day); day = day.AddDays(-1))
        {
            current++;
        }
        Assert.Equal(current, overview.Streaks.Current);
    }

    private static void AssertHeadline(Scenario s, DateOnly from, DateOnly to, Headline headline)
    {
        var counted = s.Oracle.Counted(from, to).ToList();
        Assert.Equal(counted.Count, headline.Plays);
        Assert.Equal(counted.Sum(p => (long)p.MsPlayed), headline.ListeningMs);
        Assert.Equal(counted.Where(p => p.TrackUri is not null).Select(p => p.TrackUri).Distinct().Count(),
            headline.UniqueTracks);
        Assert.Equal(counted.Where(p => p.Artist is not null).Select(p => p.Artist).Distinct().Count(),
            headline.UniqueArtists);
        Assert.Equal(counted.Where(p => p.AlbumKey is not null).Select(p => p.AlbumKey).Distinct().Count(),
            headline.UniqueAlbums);
        Assert.Equal(counted.Select(p => p.LocalDate).Distinct().Count(), headline.ListeningDays);
    }

    private static void AssertTops(Scenario s, DateOnly from, DateOnly to, ListeningOverview overview)
    {
        var counted = s.Oracle.Counted(from, to).ToList();
        Expect(ListeningOracleRanks(counted, p => p.TrackUri, s.TrackIds), overview.TopTracks, s.TrackIds);
        Expect(ListeningOracleRanks(counted, p => p.Artist, s.ArtistIds), overview.TopArtists, s.ArtistIds);
        Expect(ListeningOracleRanks(counted, p => p.AlbumKey, s.AlbumIds), overview.TopAlbums, s.AlbumIds);
    }

    private static List<(string Key, int Plays, long Ms)> ListeningOracleRanks(List<Support.OraclePlay> plays,
        Func<Support.OraclePlay, string?> key, IReadOnlyDictionary<string, int> ids) =>
        Support.ListeningOracle.Rank(plays, key, ids);

    /// <summary>The service's top list is the oracle's first entries, in order, with the same figures.</summary>
    internal static void Expect(List<(string Key, int Plays, long Ms)> expected, IReadOnlyList<RankedItem> actual,
        IReadOnlyDictionary<string, int> ids)
    {
        Assert.Equal(expected.Take(actual.Count).Select(e => (ids[e.Key], e.Plays, e.Ms)),
            actual.Select(a => (a.Id, a.Plays, a.ListeningMs)));
        Assert.Equal(Enumerable.Range(1, actual.Count), actual.Select(a => a.Rank));
        Assert.Equal(Math.Min(expected.Count, 5), actual.Count);
    }
}
