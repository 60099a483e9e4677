using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>What a request for a job does when one for the same key is waiting already.</summary>
public enum Queueing
{
    /// <summary>Keys are unique (one import, one report): the request is scheduled.</summary>
    Add,

    /// <summary>The newer request replaces the waiting one (a settings change, a sync now).</summary>
    Replace,

    /// <summary>The waiting or running one stands and the request is refused (a rollup rebuild).</summary>
    KeepWaiting,
}

/// <summary>
/// The one way the app asks Quartz for work: a job run now for a key, with its data; whether one for a key is waiting
/// or running; cancelling one; and, since the in-memory job store forgets its triggers at a restart, pending work
/// queued again. Each operation (imports, reports, settings changes, rollup rebuilds, syncs on demand) has one entry
/// point that requests its work and schedules it through this. Triggers read the app's clock, as the scheduler does: a
/// trigger on another clock than its scheduler's never settles a misfire, and the scheduler spins on it.
/// </summary>
public sealed class JobQueue(ISchedulerFactory schedulers, TimeProvider clock)
{
    /// <summary>
    /// Schedules <paramref name="job"/> now under <paramref name="key"/> with <paramref name="data"/>.
    /// </summary>
    /// <returns>False when <paramref name="queueing"/> keeps a waiting or running one instead.</returns>
    public async Task<bool> ScheduleNowAsync(JobKey job, TriggerKey key, IReadOnlyDictionary<string, object> data,
        Queueing queueing,
        CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (queueing == Queueing.KeepWaiting && await IsPendingAsync(job, key, cancellationToken))
        {
            return false;
        }
        var map = new JobDataMap();
        foreach (var (name, value) in data)
        {
            map[name] = value;
        }
        var trigger = TriggerBuilder.Create(clock).WithIdentity(key).ForJob(job).UsingJobData(map).StartNow().Build();
        try
        {
            await scheduler.ScheduleJob(trigger, queueing == Queueing.Replace ? ScheduleJobOptions.Replacing : default,
                cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException) when (queueing == Queueing.KeepWaiting)
        {
            // Two requests at once: the other one scheduled it.
            return false;
        }
    }

    /// <summary>Whether a run of <paramref name="job"/> under <paramref name="key"/> is waiting or running.</summary>
    public async Task<bool> IsPendingAsync(JobKey job, TriggerKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(key, cancellationToken) is not null)
        {
            return true;
        }
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = job }, cancellationToken);
        return running.Items.Any(f => f.TriggerKey.Equals(key));
    }

    /// <summary>Takes a waiting run off the queue.</summary>
    public async Task UnscheduleAsync(TriggerKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(key, cancellationToken);
    }

    /// <summary>Asks a running run of <paramref name="job"/> under <paramref name="key"/> to stop.</summary>
    public async Task InterruptAsync(JobKey job, TriggerKey key, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = job }, cancellationToken);
        foreach (var firing in running.Items.Where(f => f.TriggerKey.Equals(key)))
        {
            await scheduler.InterruptFireInstance(firing.FireInstanceId, cancellationToken);
        }
    }

    /// <summary>Queues again the work that was pending when the app stopped, one request at a time.</summary>
    public static async Task ResumeAsync<T>(IEnumerable<T> pending, Func<T, CancellationToken, Task> schedule,
        CancellationToken cancellationToken)
    {
        foreach (var item in pending)
        {
            await schedule(item, cancellationToken);
        }
    }
}
