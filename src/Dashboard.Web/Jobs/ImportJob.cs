using Dashboard.Core.Imports;
using Dashboard.Core.Sync;
using Quartz;

namespace Dashboard.Web.Jobs;

/// <summary>
/// Runs one import. One job for all imports with concurrent execution disallowed: SQLite has one writer,
/// so imports queue up and run one after another (across a cluster too: the job store holds the rule).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ImportJob(ImportService imports, SyncSchedule syncs, IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("import", "imports");
    public const string ImportIdKey = "importId";

    /// <summary>The user whose first sync starts once this import ends, whatever its outcome.</summary>
    public const string SyncAfterwardsKey = "syncAfterwards";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var importId = context.MergedJobDataMap.GetInt(ImportIdKey);
        if (context.Recovering)
        {
            await imports.ReclaimAsync(importId, cancellationToken);
        }
        await imports.RunAsync(importId, cancellationToken, lifetime.ApplicationStopping);
        if (context.MergedJobDataMap.ContainsKey(SyncAfterwardsKey)
            && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await syncs.StartNowAsync(context.MergedJobDataMap.GetInt(SyncAfterwardsKey), SyncTrigger.SignIn,
                lifetime.ApplicationStopping);
        }
    }
}
