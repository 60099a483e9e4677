using Dashboard.Core.Sync;
using Dashboard.SpotifyEmulator;
using Dashboard.Web.Jobs;
using Dashboard.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tests.Jobs;

public sealed class SyncScheduleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Syncs_start_at_once_by_the_apps_clock_even_when_it_differs_from_the_systems()
    {
        // The scheduler reads the app's clock. A trigger that read the system's would wait out the difference here (and,
        // with the app's clock ahead, would look overdue to the scheduler for good and never settle its misfire). Ten
        // minutes: longer than the test waits for a sync, shorter than the sign-in cookies last.
        await using var factory = new DashboardFactory { Clock = new LaggingClock(TimeSpan.FromMinutes(10)) };
        using var client = await factory.SignInAsync();
        var userId = await factory.UserIdAsync();
        await factory.WaitForSyncsAsync(userId);

        Assert.Equal(SyncStart.Started, await factory.Services.GetRequiredService<SyncSchedule>().StartNowAsync(userId, SyncTrigger.Manual, Ct));
        await factory.WaitForSyncsAsync(userId);

        await using var db = await factory.DbAsync();
        var runs = await db.SyncRuns.Where(r => r.UserId == userId).Select(r => new { r.Trigger, r.Status }).ToListAsync(Ct);
        Assert.Contains(runs, r => r is { Trigger: SyncTrigger.SignIn, Status: SyncStatus.Completed });
        Assert.Contains(runs, r => r is { Trigger: SyncTrigger.Manual, Status: SyncStatus.Completed });
    }

    [Fact]
    public async Task A_first_sign_in_runs_one_sync_and_the_schedule_starts_an_interval_later()
    {
        await using var factory = new DashboardFactory();
        var signedInAt = DateTimeOffset.UtcNow;
        using var client = await factory.SignInAsync();
        var userId = await factory.UserIdAsync();
        await factory.WaitForSyncsAsync(userId);

        await using var db = await factory.DbAsync();
        var runs = await db.SyncRuns.Where(r => r.UserId == userId).Select(r => r.Trigger).ToListAsync(Ct);
        Assert.Equal([SyncTrigger.SignIn], runs);
        var interval = factory.Services.GetRequiredService<IOptions<SyncOptions>>().Value.Interval;
        Assert.True(await factory.Services.GetRequiredService<SyncSchedule>().NextScheduledAsync(userId, Ct) >= signedInAt + interval);
    }

    [Fact]
    public async Task A_user_who_must_sign_in_again_comes_off_the_schedule_without_a_run_and_comes_back_on_signing_in()
    {
        await using var factory = new DashboardFactory();
        using (await factory.SignInAsync())
        {
        }
        var userId = await factory.UserIdAsync();
        await factory.WaitForSyncsAsync(userId);
        var schedule = factory.Services.GetRequiredService<SyncSchedule>();
        // Spotify refused the refresh token, as a run found out.
        factory.Emulator().ExpireAccessTokens(SpotifyEmulatorServer.DemoUserId);
        factory.Emulator().RevokeRefreshTokens(SpotifyEmulatorServer.DemoUserId);
        await using var db = await factory.DbAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.NeedsReconsentSince, DateTime.UtcNow), Ct);
        var runs = await db.SyncRuns.CountAsync(r => r.UserId == userId, Ct);
        var calls = await db.ApiCalls.CountAsync(Ct);

        // The recurring sync comes due.
        await schedule.ResumeAtAsync(userId, factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Ct);
        for (var attempt = 0; attempt < 200 && await schedule.NextScheduledAsync(userId, Ct) is not null; attempt++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Null(await schedule.NextScheduledAsync(userId, Ct));
        Assert.Equal(runs, await db.SyncRuns.CountAsync(r => r.UserId == userId, Ct));
        Assert.Equal(calls, await db.ApiCalls.CountAsync(Ct));

        using (await factory.SignInAsync())
        {
        }
        Assert.NotNull(await schedule.NextScheduledAsync(userId, Ct));
    }

    /// <summary>The system clock, some way behind.</summary>
    private sealed class LaggingClock(TimeSpan lag) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() - lag;
    }
}
