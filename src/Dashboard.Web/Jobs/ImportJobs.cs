using Dashboard.Core.Import;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>Queues imports for <see cref="ImportJob"/> and cancels them, queued or running.</summary>
public sealed class ImportJobs(ISchedulerFactory schedulers, ImportService imports)
{
    public async Task ScheduleAsync(int importId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKey(importId))
            .ForJob(ImportJob.Key)
            .UsingJobData(ImportJob.ImportIdKey, importId)
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, default, cancellationToken);
    }

    /// <summary>Schedules what was pending when the app stopped: with the in-memory job store, triggers do not survive a restart.</summary>
    public async Task ResumePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var importId in await imports.PendingAsync(cancellationToken))
        {
            await ScheduleAsync(importId, cancellationToken);
        }
    }

    public async Task<CancelOutcome> CancelAsync(int userId, int importId, CancellationToken cancellationToken)
    {
        var outcome = await imports.CancelAsync(userId, importId, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (outcome == CancelOutcome.Cancelled)
        {
            await scheduler.UnscheduleJob(TriggerKey(importId), cancellationToken);
        }
        else if (outcome == CancelOutcome.Running)
        {
            var running = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = ImportJob.Key }, cancellationToken);
            foreach (var firing in running.Items.Where(f => f.TriggerKey.Equals(TriggerKey(importId))))
            {
                await scheduler.InterruptFireInstance(firing.FireInstanceId, cancellationToken);
            }
        }
        return outcome;
    }

    private static TriggerKey TriggerKey(int importId) => new($"import-{importId}", "imports");
}
