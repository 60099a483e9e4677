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
public sealed class RollupBuilds(JobQueue queue)
{
    /// <summary>Starts a rebuild; false when one of the user's is already waiting or running.</summary>
    public Task<bool> StartAsync(int userId, CancellationToken cancellationToken) =>
        queue.ScheduleNowAsync(RollupBuildJob.Key, TriggerKey(userId),
            new Dictionary<string, object> { [RollupBuildJob.UserIdKey] = userId },
            Queueing.KeepWaiting, cancellationToken);

    public Task<bool> IsPendingAsync(int userId, CancellationToken cancellationToken) =>
        queue.IsPendingAsync(RollupBuildJob.Key, TriggerKey(userId), cancellationToken);

    private static TriggerKey TriggerKey(int userId) => new($"rollup-build-{userId}", "rollups");
}
