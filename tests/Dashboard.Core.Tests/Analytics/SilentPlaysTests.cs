using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Core.Tests.Support.ImportHelpers;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// A record of 0 ms played is a play nobody heard: History lists it, and no rule counts it. The export below has one
/// heard play of Alpha Song (200 s, Tuesday 2026-11-10 10:00 UTC) and two silent records: Beta Song, which has no other
/// play, and Alpha Song again the next evening.
/// </summary>
public sealed class SilentPlaysTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Heard = new(2026, 11, 10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly byte[] Export = JsonArray(
        ExtendedRecord("2026-11-10T10:00:00Z", "1111111111111111111111", "Alpha Song", "Alpha", 200_000),
        ExtendedRecord("2026-11-10T10:05:00Z", "2222222222222222222222", "Beta Song", "Beta", 0),
        ExtendedRecord("2026-11-11T22:00:00Z", "1111111111111111111111", "Alpha Song", "Alpha", 0));

    public static TheoryData<PlayCountRule> Rules =>
        [PlayCountRule.AllPlays, PlayCountRule.AtLeast30Seconds, PlayCountRule.AtLeastHalf];

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_play_of_0_ms_is_listed_in_history_but_counted_under_no_rule(PlayCountRule rule)
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        await SetRuleAsync(host, user.Id, rule);

        // Counted as the import writes the plays, then as the rule's SQL recounts them when the settings are saved.
        await host.ImportAsync(user.Id, ("Streaming_History_Audio_2026.json", Export));
        await AssertOnlyTheHeardPlayCountsAsync(host, user.Id);
        await host.Get<RollupService>().ChangeSettingsAsync(user.Id, "UTC", rule, Ct);
        await AssertOnlyTheHeardPlayCountsAsync(host, user.Id);
    }

    /// <summary>An older version counted silent plays under the every-play rule: the start recounts them.</summary>
    [Fact]
    public async Task Silent_plays_an_older_version_counted_are_recounted_at_start()
    {
        await using var host = await CoreTestHost.StartAsync(Now);
        var user = await host.AddUserAsync("listener");
        await SetRuleAsync(host, user.Id, PlayCountRule.AllPlays);
        await host.ImportAsync(user.Id, ("Streaming_History_Audio_2026.json", Export));
        await using (var db = await host.DbAsync())
        {
            await db.Plays.Where(p => p.MsPlayed == 0).ExecuteUpdateAsync(p => p.SetProperty(x => x.Counted, true), Ct);
        }
        var rollups = host.Get<RollupService>();
        var bystander = await host.AddUserAsync("bystander");
        await host.ImportAsync(bystander.Id, ("Streaming_History_Audio_2026.json", Export));

        Assert.Equal([user.Id], await rollups.UsersToRebuildAsync(Ct));
        await rollups.RebuildAsync(user.Id, Ct);

        Assert.Empty(await rollups.UsersToRebuildAsync(Ct));
        await AssertOnlyTheHeardPlayCountsAsync(host, user.Id);
    }

    private static async Task AssertOnlyTheHeardPlayCountsAsync(CoreTestHost host, int userId)
    {
        await using var db = await host.DbAsync();
        var alpha = await db.Tracks.Where(t => t.UserId == userId && t.Name == "Alpha Song")
            .Select(t => t.Id).SingleAsync(Ct);

        var overview = await host.Get<OverviewService>().GetAsync(userId, PeriodSelection.AllTime, Ct);
        var headline = overview.Current;
        Assert.Equal((1, 200_000L, 1, 1, 1, 1), (headline.Plays, headline.ListeningMs, headline.UniqueTracks,
            headline.UniqueArtists, headline.UniqueAlbums, headline.ListeningDays));
        Assert.Equal([(2, 10, 1)], overview.Clock.Select(c => (c.Weekday, c.Hour, c.Plays)));
        Assert.Equal([(alpha, 1)], overview.TopTracks.Select(t => (t.Id, t.Plays)));
        Assert.Equal(1, overview.Streaks.Longest);
        Assert.Equal([(Heard, 1)], overview.PlaysPerDay.Where(d => d.Plays > 0).Select(d => (d.Date, d.Plays)));

        var topLists = host.Get<TopListsService>();
        var tracks = await topLists.GetAsync(userId, TopKind.Tracks, PeriodSelection.AllTime, 10, Ct);
        var artists = await topLists.GetAsync(userId, TopKind.Artists, PeriodSelection.AllTime, 10, Ct);
        Assert.Equal([(alpha, 1, 200_000L)], tracks.Entries.Select(e => (e.Item.Id, e.Item.Plays, e.Item.ListeningMs)));
        Assert.Equal((1, 1), (tracks.TotalItems, artists.TotalItems));
        var chart = await host.Get<ChartsService>().GetAsync(userId, ChartKind.Tracks, Heard, 20, Ct);
        Assert.Equal([alpha], chart.Lines.Select(l => l.Item.Id));

        var history = await host.Get<HistoryService>().GetAsync(userId, new HistoryQuery(), Ct);
        Assert.Equal(3, history.Total);
        Assert.Equal([("Alpha Song", 0, false), ("Beta Song", 0, false), ("Alpha Song", 200_000, true)],
            history.Items.Select(i => (i.Name, i.MsPlayed, i.Counted)));
    }

    private static async Task SetRuleAsync(CoreTestHost host, int userId, PlayCountRule rule)
    {
        await using var db = await host.DbAsync();
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PlayCountRule, rule), Ct);
    }
}
