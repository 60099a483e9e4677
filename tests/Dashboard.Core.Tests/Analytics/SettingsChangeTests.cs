using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

public sealed class SettingsChangeTests
{
    [Fact]
    public async Task Changing_zone_and_rule_recomputes_local_days_counted_plays_and_every_rollup()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", "UTC");
        await host.ImportFilesAsync(user.Id, Samples.ExtendedAudio);
        var before = await host.Get<OverviewService>()
            .GetAsync(user.Id, PeriodSelection.AllTime, CancellationToken.None);

        await host.Get<RollupService>()
            .ChangeSettingsAsync(user.Id, "Pacific/Auckland", PlayCountRule.AllPlays, CancellationToken.None);

        var oracle = new ListeningOracle(Samples.ExtendedAudio, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"),
            PlayCountRule.AllPlays,
            new Dictionary<string, int>());
        var after = await host.Get<OverviewService>()
            .GetAsync(user.Id, PeriodSelection.AllTime, CancellationToken.None);
        // Every play heard: all but the sample's records of 0 ms.
        var counted = oracle.Plays.Where(p => p.Counted).ToList();
        Assert.NotEqual(before.Current.Plays, after.Current.Plays);
        Assert.Equal(oracle.Plays.Count(p => p.MsPlayed > 0), after.Current.Plays);
        Assert.Equal(counted.Select(p => p.LocalDate).Distinct().Count(), after.Current.ListeningDays);
        Assert.Equal(counted.GroupBy(p => (p.LocalWeekday, p.LocalHour)).OrderBy(g => g.Key)
                .Select(g => (g.Key.LocalWeekday, g.Key.LocalHour, g.Count())),
            after.Clock.Select(c => (c.Weekday, c.Hour, c.Plays)));
        await using var db = await host.DbAsync();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        Assert.Equal(("Pacific/Auckland", PlayCountRule.AllPlays), (stored.TimeZone, stored.PlayCountRule));
        Assert.Equal(counted.Count, await db.Plays.CountAsync(p => p.Counted));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_and_changes_nothing()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener", "Europe/Berlin");

        await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Get<RollupService>()
            .ChangeSettingsAsync(user.Id, "Mars/Olympus_Mons", PlayCountRule.AllPlays, CancellationToken.None));

        await using var db = await host.DbAsync();
        Assert.Equal("Europe/Berlin", (await db.Users.SingleAsync()).TimeZone);
    }
}
