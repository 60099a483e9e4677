using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Listening;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Applies a new time zone and play-count rule: every local day and every rollup of the user is recomputed.
/// </summary>
public sealed class SettingsJob(RollupService rollups) : IJob
{
    public static readonly JobKey Key = new("settings", "settings");
    public const string UserIdKey = "userId";
    public const string TimeZoneKey = "timeZone";
    public const string RuleKey = "rule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await rollups.ChangeSettingsAsync(data.GetInt(UserIdKey), data.GetString(TimeZoneKey)!,
            (PlayCountRule)data.GetInt(RuleKey), cancellationToken);
    }
}

/// <summary>
/// Queues settings changes for <see cref="SettingsJob"/> and says whether one is still being applied.
/// </summary>
public class SettingsChanges(JobQueue queue)
{
    public virtual async Task ScheduleAsync(int userId, string timeZone, PlayCountRule rule,
        CancellationToken cancellationToken)
    {
        if (Core.Listening.TimeZones.Find(timeZone) is null)
        {
            throw new ArgumentException($"Unknown time zone '{timeZone}'.", nameof(timeZone));
        }
        // A newer change replaces one that has not started yet.
        await queue.ScheduleNowAsync(SettingsJob.Key, TriggerKey(userId), new Dictionary<string, object>
        {
            [SettingsJob.UserIdKey] = userId,
            [SettingsJob.TimeZoneKey] = timeZone,
            [SettingsJob.RuleKey] = (int)rule,
        }, Queueing.Replace, cancellationToken);
    }

    /// <summary>Whether a change of the user's is waiting or running.</summary>
    public virtual Task<bool> IsPendingAsync(int userId, CancellationToken cancellationToken) =>
        queue.IsPendingAsync(SettingsJob.Key, TriggerKey(userId), cancellationToken);

    private static TriggerKey TriggerKey(int userId) => new($"settings-{userId}", "settings");
}
