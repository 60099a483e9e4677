using Dashboard.Core.Analytics.Rollups;
using Dashboard.Core.Data;
using Dashboard.Core.Imports;
using Dashboard.Web.Jobs;

namespace Dashboard.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>Creates or migrates the database, then settles work that a previous run left unfinished.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(stopping);
        await app.PrepareDataProtectionKeysAsync(stopping);
        // Alone, the app settles what its last run left unfinished. In a cluster that work may be running on
        // another instance right now; Quartz hands a dead instance's jobs to a live one, which reclaims them.
        var clustered = app.Services.GetRequiredService<JobCluster>().IsClustered;
        if (!clustered)
        {
            var interrupted = await app.Services.GetRequiredService<ImportService>().MarkInterruptedAsync(stopping);
            if (interrupted > 0)
            {
                app.Logger.LogWarning("{Count} import(s) were running when the app stopped; marked as interrupted",
                    interrupted);
            }
        }
        await app.Services.GetRequiredService<ImportJobs>().DeleteLeftoverUploadsAsync(stopping);
        var rollups = app.Services.GetRequiredService<RollupService>();
        foreach (var userId in await rollups.UsersToRebuildAsync(stopping))
        {
            app.Logger.LogInformation("Building the rollups of user {UserId}, which predate them or this version",
                userId);
            await rollups.RebuildAsync(userId, stopping);
        }
        if (!clustered)
        {
            // The in-memory job store forgot the queue; the clustered store keeps it.
            await app.Services.GetRequiredService<ImportJobs>().ResumePendingAsync(stopping);
            await app.Services.GetRequiredService<ReportJobs>().ResumePendingAsync(stopping);
        }
        await app.Services.GetRequiredService<SyncSchedule>().ScheduleEveryoneAsync(stopping);
    }
}
