using System.Globalization;
using Dashboard.Core.Listening;
using Dashboard.Core.Sync;
using Dashboard.Core.Tests.Spotify;
using Dashboard.Core.Tests.Support;
using Dashboard.SpotifyEmulator.Demo;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.SpotifyEmulator;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sync;

/// <summary>
/// Where the sync picks up, and when it waits: only what Spotify returned moves its cursor, and a pause Spotify asked
/// for holds for every run.
/// </summary>
[RunsLong]
public sealed class SyncCursorTests
{
    [Fact]
    public async Task An_imported_play_dated_later_than_Spotifys_plays_does_not_stop_the_sync_storing_new_ones()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        // Export records from a device whose clock was wrong: one six hours ahead, stored as the newest play of all,
        // and one dated next year, which the import skips.
        var ahead = bed.Now.UtcDateTime.AddHours(6);
        var import = await bed.Host.ImportAsync(userId, ("Streaming_History_Audio_2026.json", ImportHelpers.JsonArray(
            ImportHelpers.ExtendedRecord(ahead.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            "4uLU6hMCjMI75M1A2tKUQC", "Ahead", "Clockwork", 200_000),
            ImportHelpers.ExtendedRecord(ahead.AddYears(1)
            .ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "4uLU6hMCjMI75M1A2tKUQD", "Next year",
            "Clockwork", 200_000))));
        Assert.Equal((1, 1), (import.Inserted, import.Skipped));
        await using var db = await bed.Host.DbAsync();
        var synced = await db.Plays.MaxAsync(p => p.Source == PlaySource.Sync ? p.PlayedAt : DateTime.MinValue);

        bed.Advance(TimeSpan.FromHours(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var expected = Listed(bed, synced.AddTicks(1), bed.Now.UtcDateTime).ToList();
        Assert.InRange(expected.Count, 1, 49);
        Assert.Equal(expected.Count, (await db.SyncRuns.SingleAsync(r => r.Id == run.RunId)).ItemsSynced);
        var stored = await db.Plays.Where(p => p.Source == PlaySource.Sync && p.PlayedAt > synced).Include(p => p.Track)
            .OrderBy(p => p.PlayedAt).Select(p => new { p.PlayedAt, p.Track!.SpotifyId }).ToListAsync();
        Assert.Equal(expected.Select(p => (p.EndedAt, p.Track!.Id)), stored.Select(p => (p.PlayedAt, p.SpotifyId!)));
    }

    [Fact]
    public async Task A_play_stored_with_a_date_far_in_the_future_does_not_stop_the_sync()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        var synced = await db.Plays.MaxAsync(p => p.PlayedAt);
        // Older versions stored export records dated 9999: the sync must not take such a play for its starting point.
        var track = await db.Plays.Where(p => p.UserId == userId).Select(p => p.TrackId).FirstAsync();
        db.Plays.Add(new Play
        {
            UserId = userId, PlayedAt = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), MsPlayed = 60_000,
                Counted = true,
            ContentType = ContentType.Music, TrackId = track, Source = PlaySource.ExtendedHistory,
            LocalDate = new DateOnly(9999, 12, 31), LocalHour = 0, LocalWeekday = 5,
        });
        await db.SaveChangesAsync();

        bed.Advance(TimeSpan.FromHours(3));
        var run = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);

        var expected = Listed(bed, synced.AddTicks(1), bed.Now.UtcDateTime).Count();
        Assert.InRange(expected, 1, 49);
        Assert.Equal(expected, (await db.SyncRuns.SingleAsync(r => r.Id == run.RunId)).ItemsSynced);
    }

    [Fact]
    public async Task The_cursor_follows_the_newest_play_Spotify_listed()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();

        await sync.RunAsync(userId, SyncTrigger.SignIn, CancellationToken.None);

        await using var db = await bed.Host.DbAsync();
        var newest = Listed(bed, bed.Now.UtcDateTime.AddDays(-7), bed.Now.UtcDateTime).Max(p => p.EndedAt);
        Assert.Equal(newest, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).RecentlyPlayedCursor);
    }

    [Fact]
    public async Task A_run_during_a_pause_Spotify_asked_for_calls_nothing_and_says_when_it_resumes()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var sync = bed.Host.Get<SyncPipeline>();
        bed.State.Faults.Inject(
            Fault.TooManyRequests(retryAfterSeconds: 600, calls: 1, pathPrefix: Fault.RecentlyPlayedPath));
        var paused = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        await using var db = await bed.Host.DbAsync();
        Assert.Equal(paused.RetryAt!.Value.UtcDateTime,
            (await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId)).SyncPausedUntil);

        bed.Advance(TimeSpan.FromMinutes(2));
        await bed.ClearApiCallsAsync();
        var manual = await sync.RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, manual.Status);
        Assert.Equal(paused.RetryAt, manual.RetryAt);
        Assert.Equal($"Paused: Spotify asked us to slow down; continues at {paused.RetryAt:u}.", manual.Error);
        Assert.Empty(await bed.ApiCallsAsync());

        bed.Advance(TimeSpan.FromMinutes(9));
        var later = await sync.RunAsync(userId, SyncTrigger.Scheduled, CancellationToken.None);
        Assert.Equal(SyncStatus.Completed, later.Status);
        Assert.NotEmpty(await db.Plays.Where(p => p.UserId == userId).ToListAsync());
    }

    [Fact]
    public async Task A_run_whose_steps_the_daily_quota_paused_shows_as_paused_and_says_how_many()
    {
        await using var bed = await SpotifyTestBed.StartAsync();
        var userId = await bed.SignInAsync();
        var midnight = bed.Now.UtcDateTime.Date.AddDays(1);
        // Every call is refused: recently played, the library and top items each pause, and look-ups wait for the
        // reset.
        bed.State.Faults.Inject(Fault.QuotaExceeded(calls: 1_000));

        var run = await bed.Host.Get<SyncPipeline>().RunAsync(userId, SyncTrigger.Manual, CancellationToken.None);

        Assert.Equal(SyncStatus.Rescheduled, run.Status);
        Assert.Null(run.RetryAt);
        Assert.Equal(
            $"4 of 5 steps paused: the app's daily Spotify quota is spent until {midnight:u}. " +
            "They run again at the next sync after that.",
            run.Error);
        await using var db = await bed.Host.DbAsync();
        Assert.Equal(SyncStatus.Rescheduled,
            (await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.RunId)).Status);
    }

    /// <summary>What Spotify's recently played lists: tracks played 30 s or more, outside private sessions.</summary>
    private static IEnumerable<DemoPlay> Listed(SpotifyTestBed bed, DateTime from, DateTime to) =>
        bed.State.FindUser(SpotifyEmulatorServer.DemoUserId)!.Listener!.PlaysBetween(from, to)
            .Where(p => p.Track is not null && p.MsPlayed >= 30_000 && !p.Incognito);
}
