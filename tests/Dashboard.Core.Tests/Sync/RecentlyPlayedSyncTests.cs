using Dashboard.Core.Analytics;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.SpotifyEmulator;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.SpotifyEmulator.Faults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>
/// The sync's recently played step against the emulated Spotify, as it behaves in 2026: new plays, gaps and plays
/// already known.
/// </summary>
[RunsLong]
public sealed class RecentlyPlayedSyncTests
{
    [Fact]
    public async Task A_first_sync_stores_what_Spotify_lists_and_a_second_adds_nothing()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();

        var first = await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        var again = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Completed, first.Status);
        var listed = Listed(bed, bed.Now.UtcDateTime.AddDays(-7), bed.Now.UtcDateTime).TakeLast(50).ToList();
        await using var db = await bed.Host.DbAsync();
        var stored = await db.Plays.Include(p => p.Track).OrderBy(p => p.PlayedAt).ToListAsync();
        Assert.Equal(listed.Select(p => (p.EndedAt, p.Track!.Id)),
            stored.Select(p => (p.PlayedAt, p.Track!.SpotifyId!)));
        Assert.All(stored, p => Assert.Equal(PlaySource.Sync, p.Source));
        Assert.Equal(SyncStatus.Completed, again.Status);
        Assert.Equal(stored.Count, await db.Plays.CountAsync());
        var steps = await db.SyncSteps.Where(s => s.SyncRunId == again.RunId).ToListAsync();
        Assert.Equal(["recently_played", "enrichment", "library", "top_items", "rollups"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(SyncStatus.Completed, s.Status));
        Assert.StartsWith("0 new, 0 already known", steps[0].Details);
        // The rollups moved with the plays.
        var overview = await bed.Host.Get<OverviewService>()
            .GetAsync(userId, PeriodSelection.AllTime, CancellationToken.None);
        Assert.Equal(stored.Count(p => p.MsPlayed >= 30_000), overview.Current.Plays);
    }

    [Fact]
    public async Task Later_syncs_add_exactly_the_plays_since_the_last_one()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        var before = await db.Plays.CountAsync();
        var since = await db.Plays.MaxAsync(p => p.PlayedAt);

        bed.Advance(TimeSpan.FromHours(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var expected = Listed(bed, since.AddTicks(1), bed.Now.UtcDateTime).ToList();
        Assert.InRange(expected.Count, 1, 49);
        Assert.Equal(before + expected.Count, await db.Plays.CountAsync());
        Assert.Equal(expected.Count, (await db.SyncRuns.SingleAsync(r => r.Id == run.RunId)).ItemsSynced);
    }

    [Fact]
    public async Task More_than_50_plays_between_syncs_is_reported_as_a_gap_and_nothing_is_duplicated()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);

        bed.Advance(TimeSpan.FromDays(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Equal(50, step.ItemsProcessed);
        Assert.Contains("gap: more than 50 plays since the last sync", step.Details);
        Assert.Contains("import your privacy export to fill it", step.Details);
        Assert.Equal(await db.Plays.CountAsync(),
            await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task More_than_50_plays_with_entries_without_a_track_is_still_reported_as_a_gap()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        var before = await db.Plays.CountAsync();

        bed.Advance(TimeSpan.FromDays(3));
        bed.State.Faults.Inject(Fault.NullTracks());
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Matches(@"\d+ entries without a track left out", step.Details);
        Assert.InRange(step.ItemsProcessed, 1, 49);
        Assert.Contains("gap: more than 50 plays since the last sync", step.Details);
        Assert.Equal(before + step.ItemsProcessed, await db.Plays.CountAsync());
        Assert.Equal(await db.Plays.CountAsync(),
            await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task Exactly_50_plays_after_the_last_sync_are_all_stored_and_no_gap_is_reported()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        // A moment just after a listed play whose next listed play follows it directly and lasts the whole track, so
        // that the 50 plays Spotify keeps reach back to the first sync's last play.
        var listed = Listed(bed, bed.Now.UtcDateTime.AddDays(-1), bed.Now.UtcDateTime.AddDays(14)).ToList();
        var at = Enumerable.Range(0, listed.Count - 51).First(i => listed[i].EndedAt > bed.Now.UtcDateTime
            && listed[i + 1].MsPlayed == listed[i + 1].Track!.DurationMs
            && listed[i + 1].StartedAt - listed[i].EndedAt < TimeSpan.FromSeconds(10));
        bed.Advance(listed[at].EndedAt.AddMilliseconds(1) - bed.Now.UtcDateTime);
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        Assert.Equal(listed[at].EndedAt, await db.Plays.MaxAsync(p => p.PlayedAt));
        var before = await db.Plays.CountAsync();

        bed.Advance(listed[at + 50].EndedAt.AddMilliseconds(1) - bed.Now.UtcDateTime);
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Equal(50, step.ItemsProcessed);
        Assert.DoesNotContain("gap", step.Details);
        Assert.Equal(before + 50, await db.Plays.CountAsync());
        Assert.Equal(await db.Plays.CountAsync(),
            await db.Plays.Select(p => new { p.TrackId, p.PlayedAt }).Distinct().CountAsync());
    }

    [Fact]
    public async Task Plays_already_imported_from_the_export_are_not_stored_twice()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        await bed.ImportDemoExportAsync(userId);
        await using var db = await bed.Host.DbAsync();
        var imported = await db.Plays.CountAsync();

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(imported, await db.Plays.CountAsync());
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.StartsWith("0 new", step.Details);
    }

    [Fact]
    public async Task Entries_without_a_track_are_left_out_and_counted()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        bed.State.Faults.Inject(Fault.NullTracks());

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var step = await db.SyncSteps.SingleAsync(s => s.SyncRunId == run.RunId
            && s.Name == SyncPipeline.RecentlyPlayedStep);
        Assert.Matches(@"\d+ entries without a track left out", step.Details);
    }

    /// <summary>What Spotify's recently played lists: tracks played 30 s or more, outside private sessions.</summary>
    private static IEnumerable<DemoPlay> Listed(SpotifyTestBed bed, DateTime from, DateTime to) =>
        bed.State.FindUser(SpotifyEmulatorServer.DemoUserId)!.Listener!.PlaysBetween(from, to)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito);
}
