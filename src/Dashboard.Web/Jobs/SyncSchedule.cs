using Dashboard.Core.Data;
using Dashboard.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Dashboard.Web.Jobs;

public enum SyncStart
{
    Started,
    AlreadyRunning,

    /// <summary>Spotify no longer accepts the user's sign-in: syncing waits for them to sign in again.</summary>
    SignInRequired,

    /// <summary>
    /// Spotify asked the app to wait: syncing resumes by itself at <see cref="SyncSchedule.PausedUntilAsync"/>.
    /// </summary>
    Paused,
}

/// <summary>
/// Each user's recurring sync (every <see cref="SyncOptions.Interval"/>), a sync right after the first sign-in, and
/// syncs on demand. Triggers read the app's clock, as the scheduler does: a trigger on another clock than its
/// scheduler's never settles a misfire, and the scheduler spins on it.
/// </summary>
public class SyncSchedule(ISchedulerFactory schedulers, IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<SyncOptions> options, TimeProvider clock, SyncRuns runs, JobCluster cluster, JobQueue queue)
{
    /// <summary>
    /// Makes sure the user syncs on schedule. The first scheduled run starts now, or one interval from now when
    /// <paramref name="syncStartedNow"/> says a sync was just started (after the first sign-in), so the two do not run
    /// back to back.
    /// </summary>
    public async Task EnsureScheduledAsync(int userId, bool syncStartedNow, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(RecurringKey(userId), cancellationToken) is null)
        {
            var start = syncStartedNow ? clock.GetUtcNow() + options.Value.Interval : clock.GetUtcNow();
            // After a restart the pause Spotify asked for still holds.
            if (await PausedUntilAsync(userId, cancellationToken) is { } pausedUntil && pausedUntil > start)
            {
                start = pausedUntil;
            }
            try
            {
                await scheduler.ScheduleJob(Recurring(userId, start), default, cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another instance of the cluster scheduled it in between: the user is on the schedule.
            }
        }
    }

    /// <summary>
    /// Schedules every user who can sync: with the in-memory job store, schedules do not survive a restart. In a
    /// cluster they do, and this only adds users who are missing.
    /// </summary>
    public async Task ScheduleEveryoneAsync(CancellationToken cancellationToken)
    {
        if (!cluster.IsClustered)
        {
            // Runs cut off by the previous shutdown never ended; the record should say so. In a cluster a running
            // run may belong to a live instance: the one that takes over a dead instance's sync ends its run.
            await runs.EndStoppedRunsAsync(userId: null, cancellationToken);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.Where(u => u.NeedsReconsentSince == null
            && db.SpotifyTokens.Any(t => t.UserId == u.Id))
            .Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var userId in users)
        {
            await EnsureScheduledAsync(userId, syncStartedNow: false, cancellationToken);
        }
    }

    /// <summary>
    /// Takes a user whom Spotify no longer accepts off the schedule, so that no run asks for a token every interval;
    /// their next sign-in schedules them again (<see cref="EnsureScheduledAsync"/>). True when the user was taken off.
    /// </summary>
    public async Task<bool> StopIfSignInRequiredAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.NeedsReconsentSince != null, cancellationToken))
        {
            return false;
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(RecurringKey(userId), cancellationToken);
        return true;
    }

    /// <summary>A sync now, unless one of the user's is running.</summary>
    public virtual async Task<SyncStart> StartNowAsync(int userId, SyncTrigger trigger,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Id == userId && u.NeedsReconsentSince != null, cancellationToken))
        {
            return SyncStart.SignInRequired;
        }
        if (await IsRunningAsync(userId, cancellationToken))
        {
            return SyncStart.AlreadyRunning;
        }
        if (await PausedUntilAsync(userId, cancellationToken) is not null)
        {
            return SyncStart.Paused;
        }
        await queue.ScheduleNowAsync(SyncJob.Key, NowKey(userId), new Dictionary<string, object>
        {
            [SyncJob.UserIdKey] = userId,
            [SyncJob.TriggerKindKey] = (int)trigger,
        }, Queueing.Replace, cancellationToken);
        return SyncStart.Started;
    }

    /// <summary>Whether a sync of the user's is waiting to start or running.</summary>
    public virtual async Task<bool> IsRunningAsync(int userId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(NowKey(userId), cancellationToken) is not null)
        {
            return true;
        }
        // The recurring sync is due: it is about to run, perhaps waiting behind another user's. With the clustered
        // store the scheduler takes a moment to pick it up, and in that moment no run is recorded yet. The scheduler
        // and the triggers read the app's clock, so the due time is compared with it.
        if (await scheduler.GetTrigger(RecurringKey(userId), cancellationToken) is { } recurring
            && recurring.NextFireTimeUtc <= clock.GetUtcNow())
        {
            return true;
        }
        // One of the user's triggers has fired and its run is not recorded yet. Whether a trigger is blocked says
        // nothing here: every user's syncs are one job that runs one at a time, so any user's run blocks them all.
        var firing = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = SyncJob.Key },
            cancellationToken);
        if (firing.Items.Any(f => f.TriggerKey.Equals(RecurringKey(userId)) || f.TriggerKey.Equals(NowKey(userId))))
        {
            return true;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SyncRuns.AnyAsync(r => r.UserId == userId && r.Status == SyncStatus.Running, cancellationToken);
    }

    /// <summary>When the wait Spotify asked for ends, while it lasts; null when syncs may call Spotify now.</summary>
    public virtual async Task<DateTimeOffset?> PausedUntilAsync(int userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var until = await db.Users.Where(u => u.Id == userId).Select(u => u.SyncPausedUntil)
            .SingleOrDefaultAsync(cancellationToken);
        return until > clock.GetUtcNow().UtcDateTime ? new DateTimeOffset(until.Value, TimeSpan.Zero) : null;
    }

    /// <summary>When the user's recurring sync fires next; null when the user is not on the schedule.</summary>
    public virtual async Task<DateTimeOffset?> NextScheduledAsync(int userId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(RecurringKey(userId), cancellationToken))?.NextFireTimeUtc;
    }

    /// <summary>Spotify asked to wait: the user's next scheduled sync moves to <paramref name="at"/>.</summary>
    public async Task ResumeAtAsync(int userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(Recurring(userId, at), ScheduleJobOptions.Replacing, cancellationToken);
    }

    private ITrigger Recurring(int userId, DateTimeOffset start) =>
        TriggerBuilder.Create(clock)
            .WithIdentity(RecurringKey(userId))
            .ForJob(SyncJob.Key)
            .UsingJobData(SyncJob.UserIdKey, userId)
            .UsingJobData(SyncJob.TriggerKindKey, (int)SyncTrigger.Scheduled)
            .StartAt(start)
            .WithSimpleSchedule(s => s.WithInterval(options.Value.Interval).RepeatForever())
            .Build();

    private static TriggerKey RecurringKey(int userId) => new($"sync-{userId}", "sync");

    private static TriggerKey NowKey(int userId) => new($"sync-now-{userId}", "sync");
}
