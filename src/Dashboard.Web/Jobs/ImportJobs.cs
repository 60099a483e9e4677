using Dashboard.Core.Imports;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>Queues imports for <see cref="ImportJob"/> and cancels them, queued or running.</summary>
public sealed class ImportJobs(JobQueue queue, ImportService imports, JobCluster cluster, ILogger<ImportJobs> logger)
{
    /// <param name="syncAfterwards">
    /// A user whose first sync waits for this import (a first sign-in that brought its history along): a sync beside
    /// the import would write the same plays and catalogue at the same time.
    /// </param>
    public Task ScheduleAsync(int importId, CancellationToken cancellationToken, int? syncAfterwards = null)
    {
        var data = new Dictionary<string, object> { [ImportJob.ImportIdKey] = importId };
        if (syncAfterwards is { } userId)
        {
            data[ImportJob.SyncAfterwardsKey] = userId;
        }
        return queue.ScheduleNowAsync(ImportJob.Key, TriggerKey(importId), data, Queueing.Add, cancellationToken);
    }

    /// <summary>
    /// Schedules what was pending when the app stopped: with the in-memory job store, triggers do not survive a
    /// restart.
    /// </summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken) =>
        await JobQueue.ResumeAsync(await imports.PendingAsync(cancellationToken),
            (importId, token) => ScheduleAsync(importId, token), cancellationToken);

    /// <summary>
    /// At start, deletes the uploads no waiting or running import owns, which nothing else would ever delete: those a
    /// crash cut short. Alone, the app deletes them all; in a cluster, only those untouched for a day, as another
    /// instance may be receiving an upload that has no import yet.
    /// </summary>
    public async Task DeleteLeftoverUploadsAsync(CancellationToken cancellationToken)
    {
        var deleted = await imports.DeleteLeftoverUploadsAsync(cluster.IsClustered ? TimeSpan.FromDays(1)
            : TimeSpan.Zero, cancellationToken);
        if (deleted > 0)
        {
            logger.LogWarning("Deleted {Count} upload folder(s) that no waiting or running import owns", deleted);
        }
    }

    public async Task<CancelOutcome> CancelAsync(int userId, int importId, CancellationToken cancellationToken)
    {
        var outcome = await imports.CancelAsync(userId, importId, cancellationToken);
        if (outcome == CancelOutcome.Cancelled)
        {
            await queue.UnscheduleAsync(TriggerKey(importId), cancellationToken);
        }
        else if (outcome == CancelOutcome.Running)
        {
            await queue.InterruptAsync(ImportJob.Key, TriggerKey(importId), cancellationToken);
        }
        return outcome;
    }

    private static TriggerKey TriggerKey(int importId) => new($"import-{importId}", "imports");
}
