using Dashboard.Core.Analytics.Rollups;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>Rebuilds every rollup of one user from their plays, as asked through the API.</summary>
public sealed class RollupBuildJob(RollupService rollups) : IJob
{
    public static readonly JobKey Key = new("rollup-build", "rollups");
    public const string UserIdKey = "userId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await rollups.RebuildAsync(context.MergedJobDataMap.GetInt(UserIdKey), cancellationToken);
}

/// <summary>Starts <see cref="RollupBuildJob"/> for a user, one at a time, and says whether one is under way.</summary>
public sealed class RollupBuilds(ISchedulerFactory schedulers)
{
    /// <summary>Starts a rebuild; false when one of the user's is already waiting or running.</summary>
    public async Task<bool> StartAsync(int userId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await IsPendingAsync(userId, cancellationToken))
        {
            return false;
        }
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKey(userId))
            .ForJob(RollupBuildJob.Key)
            .UsingJobData(RollupBuildJob.UserIdKey, userId)
            .StartNow()
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
            return true;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Two requests at once: the other one started it.
            return false;
        }
    }

    public async Task<bool> IsPendingAsync(int userId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(TriggerKey(userId), cancellationToken) is not null)
        {
            return true;
        }
        var running = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = RollupBuildJob.Key }, cancellationToken);
        return running.Items.Any(f => f.TriggerKey.Equals(TriggerKey(userId)));
    }

    private static TriggerKey TriggerKey(int userId) => new($"rollup-build-{userId}", "rollups");
}
