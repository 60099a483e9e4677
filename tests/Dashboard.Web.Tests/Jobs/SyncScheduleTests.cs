using Dashboard.Core.Sync;
using Dashboard.SpotifyEmulator.Faults;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Jobs;

/// <summary>When syncs run, on one app for the class: each test signs in a listener of its own.</summary>
public sealed class SyncScheduleTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Syncs_start_at_once_by_the_apps_clock_even_when_it_differs_from_the_systems()
    {
        // The scheduler reads the app's clock. A trigger that read the system's would wait out the difference here
        // (and, with the app's clock ahead, would look overdue to the scheduler for good and never settle its misfire).
        // Ten minutes: longer than the test waits for a sync, shorter than the sign-in cookies last. An app of its own:
        // the clock is given at start.
        await using var factory = new DashboardFactory { Clock = new LaggingClock(TimeSpan.FromMinutes(10)) };
        using var listener = await factory.SignInNewListenerAsync();
        var userId = listener.UserId;

        Assert.Equal(SyncStart.Started,
            await factory.Services.GetRequiredService<SyncSchedule>().StartNowAsync(userId, SyncTrigger.Manual, Ct));
        await factory.WaitForSyncsAsync(userId);

        await using var db = await factory.DbAsync();
        var runs = await db.SyncRuns.Where(r => r.UserId == userId).Select(r => new { r.Trigger, r.Status })
            .ToListAsync(Ct);
        Assert.Contains(runs, r => r is { Trigger: SyncTrigger.SignIn, Status: SyncStatus.Completed });
        Assert.Contains(runs, r => r is { Trigger: SyncTrigger.Manual, Status: SyncStatus.Completed });
    }

    [Fact]
    public async Task A_first_sign_in_runs_one_sync_and_the_schedule_starts_an_interval_later()
    {
        var factory = app.Factory;
        var signedInAt = DateTimeOffset.UtcNow;
        using var listener = await factory.SignInNewListenerAsync();
        var userId = listener.UserId;

        await using var db = await factory.DbAsync();
        var runs = await db.SyncRuns.Where(r => r.UserId == userId).Select(r => r.Trigger).ToListAsync(Ct);
        Assert.Equal([SyncTrigger.SignIn], runs);
        var interval = factory.Services.GetRequiredService<IOptions<SyncOptions>>().Value.Interval;
        Assert.True(await factory.Services.GetRequiredService<SyncSchedule>()
            .NextScheduledAsync(userId, Ct) >= signedInAt + interval);
    }

    [Fact]
    public async Task A_user_who_must_sign_in_again_comes_off_the_schedule_without_a_run_and_comes_back_on_signing_in()
    {
        var factory = app.Factory;
        int userId;
        string spotifyId;
        using (var listener = await factory.SignInListenerWithoutSyncAsync())
        {
            (userId, spotifyId) = (listener.UserId, listener.SpotifyId);
        }
        var schedule = factory.Services.GetRequiredService<SyncSchedule>();
        // Spotify refused the refresh token, as a run found out.
        factory.Emulator().ExpireAccessTokens(spotifyId);
        factory.Emulator().RevokeRefreshTokens(spotifyId);
        await using var db = await factory.DbAsync();
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.NeedsReconsentSince, DateTime.UtcNow), Ct);
        var runs = await db.SyncRuns.CountAsync(r => r.UserId == userId, Ct);
        var calls = await db.ApiCalls.CountAsync(Ct);

        // The recurring sync comes due.
        await schedule.ResumeAtAsync(userId, factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Ct);
        for (var attempt = 0; attempt < 200 && await schedule.NextScheduledAsync(userId, Ct) is not null; attempt++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(await schedule.NextScheduledAsync(userId, Ct) is null,
            "The sync that came due did not take the user who must sign in again off the schedule within 20 s.");
        Assert.Equal(runs, await db.SyncRuns.CountAsync(r => r.UserId == userId, Ct));
        Assert.Equal(calls, await db.ApiCalls.CountAsync(Ct));

        using (await factory.SignInAsync(spotifyId))
        {
        }
        Assert.NotNull(await schedule.NextScheduledAsync(userId, Ct));
    }

    [Fact]
    public async Task Sync_now_starts_a_sync_while_another_users_sync_runs()
    {
        var factory = app.Factory;
        var schedule = factory.Services.GetRequiredService<SyncSchedule>();
        using var other = await factory.SignInListenerWithoutSyncAsync();
        using var listener = await factory.SignInListenerWithoutSyncAsync();
        // Spotify holds the other listener's recently played, so their sync is still running when this one asks.
        factory.Emulator().Faults.Inject(Fault.Delayed(TimeSpan.FromSeconds(3), calls: 1,
            pathPrefix: Fault.RecentlyPlayedPath).For(other.SpotifyId));
        Assert.Equal(SyncStart.Started, await schedule.StartNowAsync(other.UserId, SyncTrigger.Manual, Ct));
        await using var db = await factory.DbAsync();
        for (var attempt = 0; attempt < 200 && !await OtherIsSyncingAsync(); attempt++)
        {
            await Task.Delay(25, Ct);
        }
        Assert.True(await OtherIsSyncingAsync(), "The other listener's sync did not start within 5 s.");

        // Syncs run one at a time: this one starts once the other's ends.
        Assert.False(await schedule.IsRunningAsync(listener.UserId, Ct));
        Assert.Equal(SyncStart.Started, await schedule.StartNowAsync(listener.UserId, SyncTrigger.Manual, Ct));
        Assert.True(await OtherIsSyncingAsync(), "The other listener's sync ended before this one was started.");
        await factory.WaitForSyncsAsync(listener.UserId);

        Assert.Equal([SyncStatus.Completed], await db.SyncRuns.Where(r => r.UserId == listener.UserId)
            .Select(r => r.Status).ToListAsync(Ct));

        Task<bool> OtherIsSyncingAsync() =>
            db.SyncRuns.AnyAsync(r => r.UserId == other.UserId && r.Status == SyncStatus.Running, Ct);
    }

    /// <summary>The system clock, some way behind.</summary>
    private sealed class LaggingClock(TimeSpan lag) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - lag;
    }
}
