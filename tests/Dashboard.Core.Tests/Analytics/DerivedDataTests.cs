using Dashboard.Core.Analytics;
using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Analytics;

/// <summary>
/// Weekly charts and listening sessions are built by the job that changes the plays (an import, a sync); the pages and
/// endpoints that read them only read.
/// </summary>
public sealed class DerivedDataTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    // Two plays of one track a few minutes apart on Monday 4 November 2024 (one session), one of another artist's track
    // on Wednesday 13 November (a second session, in the next week).
    private static readonly (string Name, byte[] Content) History = ("Streaming_History_Audio_2024.json",
        ImportHelpers.JsonArray(
        ImportHelpers.ExtendedRecord("2024-11-04T10:00:00Z", "4uLU6hMCjMI75M1A2tKUQA", "First", "Artist A", 200_000),
        ImportHelpers.ExtendedRecord("2024-11-04T10:05:00Z", "4uLU6hMCjMI75M1A2tKUQA", "First", "Artist A", 200_000),
        ImportHelpers.ExtendedRecord("2024-11-13T20:00:00Z", "4uLU6hMCjMI75M1A2tKUQB", "Second", "Artist B", 200_000)));

    [Fact]
    public async Task An_import_builds_the_weekly_charts_and_the_sessions_of_its_plays()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener");

        await host.ImportAsync(user.Id, History);

        await using var db = await host.DbAsync();
        var state = await db.RollupStates.AsNoTracking().SingleAsync(s => s.UserId == user.Id);
        Assert.Equal((state.DataVersion, state.DataVersion), (state.ChartsVersion, state.SessionsVersion));
        var week1 = new DateOnly(2024, 11, 4);
        var week2 = new DateOnly(2024, 11, 11);
        var charts = await db.WeeklyCharts.AsNoTracking().Where(c => c.UserId == user.Id)
            .OrderBy(c => c.Chart).ThenBy(c => c.WeekStart)
                .Select(c => new { c.Chart, c.WeekStart, c.Position, c.Plays }).ToListAsync();
        Assert.Equal(
            [(ChartKind.Tracks, week1, 1, 2), (ChartKind.Tracks, week2, 1, 1), (ChartKind.Artists, week1, 1, 2),
                (ChartKind.Artists, week2, 1, 1)],
            charts.OrderBy(c => c.Chart != ChartKind.Tracks).ThenBy(c => c.WeekStart)
            .Select(c => (c.Chart, c.WeekStart, c.Position, c.Plays)));
        var sessions = await db.ListeningSessions.AsNoTracking().Where(s => s.UserId == user.Id)
            .OrderBy(s => s.StartedAt)
            .Select(s => s.Plays).ToListAsync();
        Assert.Equal([2, 1], sessions);
    }

    [Fact]
    public async Task Reading_charts_details_and_habits_writes_nothing_even_when_the_plays_changed_since_their_build()
    {
        await using var host = await CoreTestHost.StartAsync(SampleScenarios.Now);
        var user = await host.AddUserAsync("listener");
        await host.ImportAsync(user.Id, History);
        await using var db = await host.DbAsync();
        // As a job that changed the plays and has not built the charts and sessions yet leaves it.
        await db.RollupStates.Where(s => s.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DataVersion, x => x.DataVersion + 1));
        var before = await db.RollupStates.AsNoTracking().SingleAsync(s => s.UserId == user.Id);
        var trackId = await db.Tracks.Where(t => t.UserId == user.Id && t.Name == "First").Select(t => t.Id)
            .SingleAsync();

        await host.Get<ChartsService>().GetAsync(user.Id, ChartKind.Artists, null, 10, Ct);
        await host.Get<DetailService>().GetAsync(user.Id, DetailKind.Track, trackId, Ct);
        await host.Get<HabitsService>().GetAsync(user.Id, PeriodSelection.AllTime, Ct);

        var after = await db.RollupStates.AsNoTracking().SingleAsync(s => s.UserId == user.Id);
        Assert.Equal((before.DataVersion, before.ChartsVersion, before.SessionsVersion),
            (after.DataVersion, after.ChartsVersion, after.SessionsVersion));
    }

    [Fact]
    public async Task A_sync_builds_the_weekly_charts_and_the_sessions_of_the_plays_it_adds()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.SignIn, Ct);

        Assert.Equal(SyncStatus.Completed, run.Status);
        await using var db = await bed.Host.DbAsync();
        var state = await db.RollupStates.AsNoTracking().SingleAsync(s => s.UserId == userId);
        Assert.Equal((state.DataVersion, state.DataVersion), (state.ChartsVersion, state.SessionsVersion));
        // Counted independently: one track entry per week and track played, sessions split by a gap over ten minutes.
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId && p.Counted && p.TrackId != null)
            .Select(p => new { p.PlayedAt, p.MsPlayed, p.LocalDate, p.LocalWeekday, p.TrackId }).ToListAsync();
        Assert.NotEmpty(plays);
        var trackEntries = plays.Select(p => (p.LocalDate.AddDays(1 - p.LocalWeekday), p.TrackId)).Distinct().Count();
        Assert.Equal(trackEntries,
            await db.WeeklyCharts.CountAsync(c => c.UserId == userId && c.Chart == ChartKind.Tracks));
        var allPlays = await db.Plays.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.PlayedAt)
            .Select(p => new { p.PlayedAt, p.MsPlayed }).ToListAsync();
        var sessions = 0;
        DateTime? end = null;
        foreach (var play in allPlays)
        {
            var start = play.PlayedAt.AddMilliseconds(-play.MsPlayed);
            sessions += end is null || start - end > TimeSpan.FromMinutes(10) ? 1 : 0;
            end = end is null || play.PlayedAt > end ? play.PlayedAt : end;
        }
        Assert.Equal(sessions, await db.ListeningSessions.CountAsync(s => s.UserId == userId));
    }
}
