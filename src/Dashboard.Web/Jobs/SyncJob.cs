using Dashboard.Core.Sync;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Runs one user's sync. One job for every user, with concurrent execution disallowed: runs never overlap, and
/// SQLite takes one writer at a time anyway. A run that Spotify asked to wait moves the user's schedule instead of
/// holding a thread; a user who must sign in again comes off the schedule without a run. Stopping the app stops the
/// run after the look-up in progress: the next run carries on from what was stored.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SyncJob(SyncPipeline sync, SyncSchedule schedule, SyncRuns runs, IHostApplicationLifetime lifetime)
    : IJob
{
    public static readonly JobKey Key = new("sync", "sync");
    public const string UserIdKey = "userId";
    public const string TriggerKindKey = "trigger";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken,
            lifetime.ApplicationStopping);
        var userId = context.MergedJobDataMap.GetInt(UserIdKey);
        try
        {
            if (context.Recovering)
            {
                // The instance running this sync died: its run would show as running for ever.
                await runs.EndStoppedRunsAsync(userId, stop.Token);
            }
            if (await schedule.StopIfSignInRequiredAsync(userId, stop.Token))
            {
                // Every run would ask Spotify for a token it refuses; signing in again puts the user back on the
                // schedule.
                return;
            }
            var outcome = await sync.RunAsync(userId, (SyncTrigger)context.MergedJobDataMap.GetInt(TriggerKindKey),
                stop.Token);
            if (outcome is { Status: SyncStatus.Rescheduled, RetryAt: { } retryAt })
            {
                await schedule.ResumeAtAsync(userId, retryAt, stop.Token);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopped before or after the run itself, which records its own stop: nothing to add.
        }
    }
}
